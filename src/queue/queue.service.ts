import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { currentRequestId } from '../common/logging/log-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_OPTIONS, JOB_QUEUE, type JobName, type JobPayloads, type JobTrace, QueueName } from './jobs';

/**
 * How long a producer waits for Redis. BullMQ waits for the first connection forever, so a
 * request that queues a job while Redis has been down since start-up would hang; it fails
 * instead (the caller answers 503), and no job is added behind its back later.
 */
const READY_TIMEOUT_MS = 3000;

export class QueueUnavailableError extends Error {
  constructor(name: QueueName) {
    super(`queue ${name}: Redis did not answer within ${READY_TIMEOUT_MS} ms`);
  }
}

/** A job's data: its payload and, when queued while serving a request, that request's id. */
function traced<P extends object>(payload: P): P & JobTrace {
  const requestId = currentRequestId();
  return requestId ? { ...payload, requestId } : payload;
}

/** Enqueues typed jobs; used by the API (manual stage runs) and by the worker (clock, stages). */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: { url: this.config.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false },
        prefix: this.config.queuePrefix,
      });
      queue.on('error', () => undefined); // surfaced where add() fails
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The queue once its connection is ready; QueueUnavailableError when Redis does not answer in time. */
  async ready(name: QueueName): Promise<Queue> {
    const queue = this.queue(name);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        queue.waitUntilReady(),
        new Promise(
          (_, fail) => (timer = setTimeout(() => fail(new QueueUnavailableError(name)), READY_TIMEOUT_MS)),
        ),
      ]);
    } finally {
      clearTimeout(timer);
    }
    return queue;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], jobId?: string): Promise<void> {
    await (await this.ready(JOB_QUEUE[name])).add(name, traced(payload), { ...JOB_OPTIONS[name], jobId });
  }

  /**
   * Adds a job under a deterministic id. BullMQ ignores an add whose id it already holds; a
   * job that exhausted its attempts is retried, so the clock can always revive a stage.
   */
  async enqueueOnce<N extends JobName>(name: N, payload: JobPayloads[N], jobId: string): Promise<void> {
    const job = await (
      await this.ready(JOB_QUEUE[name])
    ).add(name, traced(payload), {
      ...JOB_OPTIONS[name],
      jobId,
    });
    if (await job.isFailed()) await job.retry('failed');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
