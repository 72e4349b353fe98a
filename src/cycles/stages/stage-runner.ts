import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../../notifications/notifications.service';
import { PeopleNotificationsService } from '../../notifications/people/people-notifications.service';
import { JobName, stageJobId } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { nextStatus, type CycleStatus } from '../../seasons/domain/cycle-status';
import {
  CYCLE_STAGES,
  type CycleStage,
  type CycleStages,
  type StageMoved,
  type StageOutcome,
} from './cycle-stage';
import { incurableCode, stageName, StageErrorsRepository } from './stage-errors';

/**
 * Runs the stage that moves a cycle on from a status: one transaction around the stage (which
 * starts by moving the status it expects) and the recording of its events; then, after the
 * commit, for a stage followed at once, the next stage's job, then the events' jobs and the
 * stage's notifications. When the cycle has already moved (the job ran before, or runs on
 * another worker now) the stage finds nothing to do.
 */
@Injectable()
export class StageRunner {
  private readonly logger = new Logger(StageRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CYCLE_STAGES) private readonly stages: CycleStages,
    private readonly notifications: NotificationsService,
    private readonly people: PeopleNotificationsService,
    private readonly queue: QueueService,
    private readonly errors: StageErrorsRepository,
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
    const moved = await this.inTransaction(stage, cycleId);
    if (!moved) return 'nothing-to-do';
    await this.errors.clear(cycleId);
    // The next stage first: the organisers' manifests should not wait for 100,000 members'
    // messages. The events and notifications are queued even when the next stage could not be
    // (neither throws: the clock queues the stage again and catches up the events).
    const next = nextStatus(fromStatus);
    try {
      if (stage.followedAtOnce && next)
        await this.queue.enqueue(JobName.RunStage, { cycleId, fromStatus: next }, stageJobId(cycleId, next));
    } finally {
      if (moved.events) await this.people.queueEvents(cycleId, moved.events);
      if (moved.notificationIds) await this.notifications.dispatch(moved.notificationIds);
    }
    return 'moved';
  }

  /**
   * The stage's transaction. A failure retries cannot cure (incurableCode: a constraint, a
   * value out of range) is recorded on the cycle (`lastError`, shown by GET /cycles/:id and
   * /health) and ends the job at once (UnrecoverableError: no retries), and the clock leaves
   * the cycle alone until someone runs the stage again (POST /cycles/:id/advance). Any other
   * failure is thrown for the job's retries.
   */
  private async inTransaction(stage: CycleStage, cycleId: string): Promise<StageMoved | null> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const moved = await stage.run(m, cycleId);
        if (moved?.events) await this.people.recordEvents(m, cycleId, moved.events);
        return moved;
      });
    } catch (error) {
      const code = incurableCode(error);
      if (!code) throw error;
      const message = (error as Error).message;
      const name = stageName(stage);
      await this.errors.record(cycleId, {
        stage: name,
        fromStatus: stage.from,
        message,
        code,
        at: new Date().toISOString(),
      });
      this.logger.error(
        `stage ${name} of cycle ${cycleId} failed (SQLSTATE ${code}), not retried: ${message}`,
      );
      throw new UnrecoverableError(`stage ${name}: ${message}`);
    }
  }
}
