import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkCharter } from '../charter-rules/check-charter';
import { NotificationsService } from '../notifications/notifications.service';
import { QueueService } from '../queue/queue.service';
import { JobName, stageJobId } from '../queue/jobs';
import type { CycleStatus } from './cycle-status';
import { ConfirmationRequests } from './confirmation-requests';
import { StagesRepository } from './stages.repository';

export type StageOutcome = 'moved' | 'nothing-to-do';

/**
 * Runs the stage that moves a cycle on from a status. Each stage is one transaction that
 * starts by moving the status it expects; when the cycle has already moved (the job ran
 * before, or runs on another worker now) the stage finds nothing to do.
 */
@Injectable()
export class StagesService {
  private readonly logger = new Logger(StagesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly stages: StagesRepository,
    private readonly requests: ConfirmationRequests,
    private readonly notifications: NotificationsService,
    private readonly queue: QueueService,
  ) {}

  /** Stages that exist so far: later ones (dispatch, receive, settle) are not run by the queue yet. */
  static runsFrom(status: CycleStatus): boolean {
    return status === 'open' || status === 'locked' || status === 'confirming';
  }

  async run(cycleId: string, fromStatus: CycleStatus): Promise<StageOutcome> {
    switch (fromStatus) {
      case 'open':
        return this.lock(cycleId);
      case 'locked':
        return this.requestConfirmations(cycleId);
      case 'confirming':
        return this.allocate(cycleId);
      default:
        this.logger.warn(`no queued stage runs from ${fromStatus} (cycle ${cycleId})`);
        return 'nothing-to-do';
    }
  }

  /** open → locked: commitments frozen, charter checked; the next stage is queued at once. */
  private async lock(cycleId: string): Promise<StageOutcome> {
    const moved = await this.dataSource.transaction(async (m) => {
      const locked = await this.stages.lock(m, cycleId);
      if (!locked) return false;
      const violations = checkCharter(await this.stages.charterInput(m, cycleId, locked));
      await this.stages.insertViolations(
        m,
        cycleId,
        violations.map((v) => ({ ...v, capUnits: v.capUnits ?? null })),
      );
      return true;
    });
    if (!moved) return 'nothing-to-do';
    await this.queue.enqueue(
      JobName.RunStage,
      { cycleId, fromStatus: 'locked' },
      stageJobId(cycleId, 'locked'),
    );
    return 'moved';
  }

  /** locked → confirming: each cooperative is told the demand on its offers. */
  private async requestConfirmations(cycleId: string): Promise<StageOutcome> {
    const notificationIds = await this.dataSource.transaction(async (m) => {
      if (!(await this.stages.openConfirmations(m, cycleId))) return null;
      return this.notifications.enqueueInTransaction(m, await this.requests.build(m, cycleId));
    });
    if (notificationIds === null) return 'nothing-to-do';
    await this.notifications.dispatch(notificationIds);
    return 'moved';
  }

  /** confirming → allocated: supply, shares by largest remainder, loading list. */
  private async allocate(cycleId: string): Promise<StageOutcome> {
    const moved = await this.dataSource.transaction((m) => this.stages.allocate(m, cycleId));
    return moved ? 'moved' : 'nothing-to-do';
  }
}
