import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StagesRepository } from '../stages.repository';
import type { CycleStage, StageMoved } from './cycle-stage';

/**
 * confirming → allocated: supply, shares by largest remainder, loading list. Dispatch is queued
 * at once: the manifests reach the organisers as soon as the goods are known.
 */
@Injectable()
export class AllocateStage implements CycleStage {
  readonly from = 'confirming';
  readonly followedAtOnce = true;

  constructor(private readonly stages: StagesRepository) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    return (await this.stages.allocate(m, cycleId)) ? {} : null;
  }
}
