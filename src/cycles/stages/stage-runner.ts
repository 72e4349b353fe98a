import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../../notifications/notifications.service';
import { JobName, stageJobId } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { nextStatus, type CycleStatus } from '../../seasons/domain/cycle-status';
import { CYCLE_STAGES, type CycleStages, type StageOutcome } from './cycle-stage';

/**
 * Runs the stage that moves a cycle on from a status: one transaction around the stage (which
 * starts by moving the status it expects), then, after the commit, the stage's notifications
 * and, for a stage followed at once, the next stage's job. When the cycle has already moved (the
 * job ran before, or runs on another worker now) the stage finds nothing to do.
 */
@Injectable()
export class StageRunner {
  private readonly logger = new Logger(StageRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CYCLE_STAGES) private readonly stages: CycleStages,
    private readonly notifications: NotificationsService,
    private readonly queue: QueueService,
  ) {}

  /**
   * Whether a queued stage moves a cycle on from `status`. `dispatched` waits for the groups'
   * receipts (PUT /cycles/:id/receipts/…: the last one moves the cycle to `received`), and
   * `settled` is the end.
   */
  runsFrom(status: CycleStatus): boolean {
    return this.stages.has(status);
  }

  async run(cycleId: string, fromStatus: CycleStatus): Promise<StageOutcome> {
    const stage = this.stages.get(fromStatus);
    if (!stage) {
      this.logger.warn(`no queued stage runs from ${fromStatus} (cycle ${cycleId})`);
      return 'nothing-to-do';
    }
    const moved = await this.dataSource.transaction((m) => stage.run(m, cycleId));
    if (!moved) return 'nothing-to-do';
    if (moved.notificationIds) await this.notifications.dispatch(moved.notificationIds);
    const next = nextStatus(fromStatus);
    if (stage.followedAtOnce && next) {
      await this.queue.enqueue(JobName.RunStage, { cycleId, fromStatus: next }, stageJobId(cycleId, next));
    }
    return 'moved';
  }
}
