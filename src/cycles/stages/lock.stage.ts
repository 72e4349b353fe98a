import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { checkCharter } from '../../charter/domain/check-charter';
import { StagesRepository } from '../stages.repository';
import { ViolationsRepository } from '../violations.repository';
import type { CycleStage, StageMoved } from './cycle-stage';

/**
 * open → locked: commitments frozen, charter checked, each coordinator told (cycle.locked);
 * the next stage is queued at once.
 */
@Injectable()
export class LockStage implements CycleStage {
  readonly from = 'open';
  readonly followedAtOnce = true;

  constructor(
    private readonly stages: StagesRepository,
    private readonly violations: ViolationsRepository,
  ) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    const locked = await this.stages.lock(m, cycleId);
    if (!locked) return null;
    const violations = checkCharter(await this.stages.charterInput(m, cycleId, locked));
    await this.violations.insert(
      m,
      cycleId,
      violations.map((v) => ({ ...v, capUnits: v.capUnits ?? null })),
    );
    return { events: ['cycle.locked'] };
  }
}
