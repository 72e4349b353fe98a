import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { QueueName } from '../queue/jobs';
import { REDIS } from '../redis/redis.module';
import { HEARTBEAT_INTERVAL_MS, heartbeatsKey, type Heartbeat } from './heartbeat';

/**
 * A worker process says it is alive: every HEARTBEAT_INTERVAL_MS it writes its heartbeat
 * (host, pid, start, last beat, queues) into a Redis hash that GET /health reads. A worker
 * that stops cleanly removes its own; one that dies simply stops beating. Redis losing the
 * hash loses nothing: the next beat writes it again.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  /** host:pid:random, so that two workers of one process (tests) are two */
  private readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly startedAt = new Date().toISOString();
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.hdel(heartbeatsKey(this.config.queuePrefix), this.id).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const heartbeat: Heartbeat = {
      id: this.id,
      host: hostname(),
      pid: process.pid,
      startedAt: this.startedAt,
      beatAt: new Date().toISOString(),
      queues: Object.values(QueueName),
    };
    try {
      await this.redis.hset(heartbeatsKey(this.config.queuePrefix), this.id, JSON.stringify(heartbeat));
      if (this.failing) this.logger.log('heartbeat written again');
      this.failing = false;
    } catch (error) {
      // Said once per outage, not every beat.
      if (!this.failing) this.logger.warn(`cannot write the heartbeat: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}

@Module({ providers: [WorkerHeartbeat] })
export class WorkerHeartbeatModule {}
