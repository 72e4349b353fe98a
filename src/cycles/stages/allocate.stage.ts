import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StagesRepository } from '../stages.repository';
import type { CycleStage, StageMoved } from './cycle-stage';

/**
 * confirming → allocated: supply, shares by largest remainder, loading list. Dispatch is queued
 * at once: the manifests reach the organisers as soon as the goods are known. Each member is
 * told what it gets and why (cycle.allocated) by the event's own job, beside dispatch.
 */
@Injectable()
export class AllocateStage implements CycleStage {
  readonly from = 'confirming';
  readonly followedAtOnce = true;

  constructor(private readonly stages: StagesRepository) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    if (!(await this.stages.allocate(m, cycleId))) return null;
    return { events: ['cycle.allocated'] };
  }
}
