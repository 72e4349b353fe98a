import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { PeopleNotificationsService } from '../notifications/people/people-notifications.service';
import { OnJob } from '../queue/job-handler.decorator';
import { JobName, QueueName, stageJobId, type JobPayloads } from '../queue/jobs';
import { QueueService } from '../queue/queue.service';
import { isCycleStatus } from '../seasons/domain/cycle-status';
import { CyclesRepository } from './cycles.repository';
import { StageRunner } from './stages/stage-runner';

const CLOCK_SCHEDULER_ID = 'cycle-clock';

/**
 * The cycle clock: a BullMQ job scheduler ticks every CLOCK_INTERVAL_MS; each tick reads the
 * due stages from PostgreSQL and queues one job per stage under a deterministic id. The
 * scheduler is upserted again on every interval, so a Redis that lost its data (FLUSHALL,
 * a restart without persistence) gets its clock back and the due stages are found again.
 */
@Injectable()
export class ClockService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ClockService.name);
  private keeper?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
    private readonly cycles: CyclesRepository,
    private readonly stages: StageRunner,
    private readonly notifications: NotificationsService,
    private readonly people: PeopleNotificationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureScheduler();
    this.keeper = setInterval(() => void this.ensureScheduler(), this.config.clockIntervalMs);
    this.keeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.keeper) clearInterval(this.keeper);
  }

  private async ensureScheduler(): Promise<void> {
    try {
      // ready() gives up after a few seconds: a worker started while Redis is down comes up,
      // says so, and the keeper tries again every interval.
      await (
        await this.queue.ready(QueueName.Clock)
      ).upsertJobScheduler(
        CLOCK_SCHEDULER_ID,
        { every: this.config.clockIntervalMs },
        { name: JobName.ClockTick, data: {} },
      );
    } catch (error) {
      this.logger.warn(`cannot schedule the clock (Redis unavailable?): ${(error as Error).message}`);
    }
  }

  @OnJob(JobName.ClockTick)
  async tick(): Promise<{ queued: number }> {
    const due = await this.cycles.dueStages();
    for (const { cycleId, status } of due) {
      await this.queue.enqueueOnce(
        JobName.RunStage,
        { cycleId, fromStatus: status },
        stageJobId(cycleId, status),
      );
    }
    // Reminders are best effort on each tick: a failure is retried by the next one (dedupe keys).
    await this.people
      .tick()
      .catch((error: Error) => this.logger.warn(`people notifications: ${error.message}`));
    // Events whose job was lost (Redis lost it, or the worker died before queueing it). One
    // interval is enough: an event's job and the sweep meeting on it write it once.
    await this.people
      .sweepEvents(Math.ceil(this.config.clockIntervalMs / 1000))
      .catch((error: Error) => this.logger.warn(`cycle events to people: ${error.message}`));
    await this.notifications.sweepPending();
    return { queued: due.length };
  }

  @OnJob(JobName.RunStage)
  async runStage(payload: JobPayloads[JobName.RunStage]): Promise<string> {
    if (!isCycleStatus(payload.fromStatus)) throw new Error(`unknown status ${payload.fromStatus}`);
    const outcome = await this.stages.run(payload.cycleId, payload.fromStatus);
    this.logger.log(`stage from ${payload.fromStatus} of cycle ${payload.cycleId}: ${outcome}`);
    return outcome;
  }
}
