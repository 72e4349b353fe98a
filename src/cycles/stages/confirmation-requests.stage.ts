import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '../../notifications/notifications.service';
import { ConfirmationRequests } from '../confirmation-requests';
import { StagesRepository } from '../stages.repository';
import type { CycleStage, StageMoved } from './cycle-stage';

/** locked → confirming: each cooperative is told the demand on its offers; allocation waits for confirm-by. */
@Injectable()
export class ConfirmationRequestsStage implements CycleStage {
  readonly from = 'locked';
  readonly followedAtOnce = false;

  constructor(
    private readonly stages: StagesRepository,
    private readonly requests: ConfirmationRequests,
    private readonly notifications: NotificationsService,
  ) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    if (!(await this.stages.openConfirmations(m, cycleId))) return null;
    return {
      notificationIds: await this.notifications.enqueueInTransaction(
        m,
        await this.requests.build(m, cycleId),
      ),
    };
  }
}
