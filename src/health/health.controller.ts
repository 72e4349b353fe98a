import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { ALIVE_WITHIN_MS, FORGET_AFTER_MS, heartbeatsKey, type Heartbeat } from './heartbeat';
import { StageErrorDto } from '../cycles/dto/cycle.dto';
import { HealthRepository, type FailedStage, type LateEvent, type StalledCycle } from './health.repository';

type Probe = 'up' | 'down';

export class WorkerSeenDto {
  @ApiProperty({ example: 'worker-1:4242:9f2c1a', description: 'host:pid:random' }) id!: string;
  @ApiProperty() host!: string;
  @ApiProperty() pid!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'its last heartbeat' }) lastBeatAt!: string;
  @ApiProperty({ description: `a heartbeat within the last ${ALIVE_WITHIN_MS / 1000} s` }) alive!: boolean;
  @ApiProperty({ type: [String] }) queues!: string[];
}

export class StalledCycleDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time', description: 'when its next stage became due' }) dueSince!: string;
}

export class FailedStageDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: StageErrorDto }) lastError!: StageErrorDto;
}

export class PeopleEventFailureDto {
  @ApiProperty() message!: string;
  @ApiProperty({ required: false, description: "PostgreSQL's SQLSTATE, when the database refused" })
  code?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class LateEventDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ example: 'cycle.allocated' }) kind!: string;
  @ApiProperty({ format: 'date-time', description: 'when the stage that caused it recorded it' })
  recordedAt!: string;
  @ApiProperty({ description: 'attempts at writing its messages that failed' }) failures!: number;
  @ApiProperty({ type: PeopleEventFailureDto, nullable: true, description: 'the last cause' })
  lastError!: PeopleEventFailureDto | null;
}

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unhealthy'],
    description:
      'unhealthy (503): PostgreSQL or Redis down; degraded: no worker alive, a cycle stalled, a stage failed or messages to people late',
  })
  status!: 'ok' | 'degraded' | 'unhealthy';
  @ApiProperty({ enum: ['up', 'down'] }) database!: Probe;
  @ApiProperty({ enum: ['up', 'down'] }) redis!: Probe;
  @ApiProperty({ type: [WorkerSeenDto], description: 'worker processes heard of in the last hour' })
  workers!: WorkerSeenDto[];
  @ApiProperty({
    type: [StalledCycleDto],
    description: 'cycles whose next stage has been due for over twice the clock interval',
  })
  stalledCycles!: StalledCycleDto[];
  @ApiProperty({
    type: [FailedStageDto],
    description: 'cycles whose stage failed for a reason retries cannot cure, with the cause',
  })
  failedStages!: FailedStageDto[];
  @ApiProperty({
    type: [LateEventDto],
    description:
      'cycle events whose messages to people are still not written twice the clock interval after the stage, with the last cause',
  })
  lateEvents!: LateEventDto[];
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'not ready'] }) status!: 'ready' | 'not ready';
  @ApiProperty({ enum: ['up', 'down'] }) database!: Probe;
}

async function probe<T>(check: () => Promise<T>): Promise<{ probe: Probe; value?: T }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      check(),
      new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error('timeout')), 2000))),
    ]);
    return { probe: 'up', value };
  } catch {
    return { probe: 'down' };
  } finally {
    // A timer left running would keep a closing process (or a test run) alive for 2 s.
    clearTimeout(timer);
  }
}

/** What /health reports besides the probes is read at most this often, whatever the request rate. */
const REPORT_TTL_MS = 1000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  private report?: { at: number; value: Promise<HealthDto> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The whole system: PostgreSQL, Redis, the worker processes seen (their heartbeats) and the
   * cycles stalled. 503 only when PostgreSQL or Redis is down.
   */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    if (!this.report || Date.now() - this.report.at >= REPORT_TTL_MS) {
      this.report = { at: Date.now(), value: this.read() };
    }
    const report = await this.report.value;
    reply.status(report.status === 'unhealthy' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }

  /** Whether this API replica can serve: its PostgreSQL answers. Workers and Redis do not count. */
  @Get('ready')
  @Public()
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const database = (await probe(() => this.dataSource.query('SELECT 1'))).probe;
    reply.status(database === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: database === 'up' ? 'ready' : 'not ready', database };
  }

  private async read(): Promise<HealthDto> {
    const lateAfterMs = 2 * this.config.clockIntervalMs;
    const [database, redis, stalled, failed, late] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.hgetall(heartbeatsKey(this.config.queuePrefix))),
      probe(() => this.health.stalledCycles(lateAfterMs)),
      probe(() => this.health.failedStages()),
      probe(() => this.health.lateEvents(lateAfterMs)),
    ]);
    const workers = await this.workersSeen(redis.value ?? {});
    const stalledCycles: StalledCycle[] = stalled.value ?? [];
    const failedStages: FailedStage[] = failed.value ?? [];
    const lateEvents: LateEvent[] = late.value ?? [];
    const status =
      database.probe === 'down' || redis.probe === 'down'
        ? 'unhealthy'
        : !workers.some((worker) => worker.alive) ||
            stalledCycles.length > 0 ||
            failedStages.length > 0 ||
            lateEvents.length > 0
          ? 'degraded'
          : 'ok';
    return {
      status,
      database: database.probe,
      redis: redis.probe,
      workers,
      stalledCycles,
      failedStages,
      lateEvents,
    };
  }

  /** The heartbeats, newest first; those not heard of for an hour are forgotten. */
  private async workersSeen(fields: Record<string, string>): Promise<WorkerSeenDto[]> {
    const now = Date.now();
    const seen: WorkerSeenDto[] = [];
    const forgotten: string[] = [];
    for (const [id, text] of Object.entries(fields)) {
      let beat: Heartbeat;
      try {
        beat = JSON.parse(text) as Heartbeat;
      } catch {
        forgotten.push(id);
        continue;
      }
      const age = now - Date.parse(beat.beatAt);
      if (!(age < FORGET_AFTER_MS)) {
        forgotten.push(id);
        continue;
      }
      seen.push({
        id: beat.id,
        host: beat.host,
        pid: beat.pid,
        startedAt: beat.startedAt,
        lastBeatAt: beat.beatAt,
        alive: age < ALIVE_WITHIN_MS,
        queues: beat.queues,
      });
    }
    if (forgotten.length > 0) {
      await this.redis.hdel(heartbeatsKey(this.config.queuePrefix), ...forgotten).catch(() => undefined);
    }
    return seen.sort((a, b) => b.lastBeatAt.localeCompare(a.lastBeatAt));
  }
}
