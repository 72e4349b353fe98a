import { Injectable } from '@nestjs/common';
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

  constructor(
    private readonly stages: StagesRepository,
    private readonly people: PeopleNotificationsService,
  ) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    if (!(await this.stages.allocate(m, cycleId))) return null;
    return { notificationIds: await this.people.inTransaction(m, 'cycle.allocated', cycleId) };
  }
}
