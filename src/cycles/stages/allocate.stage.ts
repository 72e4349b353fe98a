import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PeopleNotificationsService } from '../../notifications/people/people-notifications.service';
import { StagesRepository } from '../stages.repository';
import type { CycleStage, StageMoved } from './cycle-stage';

/**
 * confirming → allocated: supply, shares by largest remainder, loading list, each member told
 * what it gets and why (cycle.allocated). Dispatch is queued
 * at once: the manifests reach the organisers as soon as the goods are known.
 */
@Injectable()
export class AllocateStage implements CycleStage {
  readonly from = 'confirming';
  readonly followedAtOnce = true;
  private readonly logger = new Logger(AllocateStage.name);

  constructor(
    private readonly stages: StagesRepository,
    private readonly people: PeopleNotificationsService,
  ) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    const started = performance.now();
    if (!(await this.stages.allocate(m, cycleId))) return null;
    const allocated = performance.now();
    const notificationIds = await this.people.inTransaction(m, 'cycle.allocated', cycleId);
    // The two parts of the stage's time, for operators and for npm run bench.
    this.logger.log(
      `cycle ${cycleId}: allocated in ${Math.round(allocated - started)} ms, ` +
        `${notificationIds.length} member message(s) written in ${Math.round(performance.now() - allocated)} ms`,
    );
    return { notificationIds };
  }
}
