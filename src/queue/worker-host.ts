import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Worker, type Job } from 'bullmq';
import { withLogContext } from '../common/logging/log-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_HANDLER_KEY } from './job-handler.decorator';
import { JOB_QUEUE, JobName, QUEUE_WORKERS, QueueName, type JobTrace } from './jobs';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/** A job's log lines carry the id of the request that queued it (`reqId`), the job and its id. */
function jobLogContext(job: Job) {
  const requestId = (job.data as JobTrace | undefined)?.requestId;
  return {
    requestId,
    bindings: { ...(requestId ? { reqId: requestId } : {}), job: job.name, jobId: job.id },
  };
}

/**
 * Runs one BullMQ worker per queue and routes each job to the method marked @OnJob for it.
 * Start-up fails when a job name has no handler, so a missing handler is found at deploy,
 * not when the first job of that kind waits forever.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = this.findHandlers();
    const missing = Object.values(JobName).filter((name) => !handlers.has(name));
    if (missing.length > 0) throw new Error(`No handler for jobs: ${missing.join(', ')}`);
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(
        queue,
        (job) =>
          withLogContext(jobLogContext(job), async () => {
            const handler = handlers.get(job.name as JobName);
            if (!handler || JOB_QUEUE[job.name as JobName] !== queue)
              throw new Error(`unexpected job ${job.name} on ${queue}`);
            const started = Date.now();
            const result = await handler(job.data, job);
            const line = `${queue} job ${job.name} ${job.id} done in ${Date.now() - started} ms`;
            if (queue === QueueName.Clock) this.logger.debug(line);
            else this.logger.log(line);
            return result;
          }),
        {
          connection: { url: this.config.redisUrl, maxRetriesPerRequest: null },
          prefix: this.config.queuePrefix,
          ...QUEUE_WORKERS[queue],
        },
      );
      worker.on('failed', (job, error) =>
        withLogContext(job ? jobLogContext(job) : {}, () =>
          this.logger.warn(
            `${queue} job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
          ),
        ),
      );
      worker.on('error', (error) => this.logger.error(`${queue} worker: ${error.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`workers running on queues: ${Object.values(QueueName).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private findHandlers(): Map<JobName, Handler> {
    const handlers = new Map<JobName, Handler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_KEY, prototype[method]);
        if (!name) continue;
        if (handlers.has(name)) throw new Error(`Two handlers for job ${name}`);
        handlers.set(name, (payload, job) => (instance[method] as Handler).call(instance, payload, job));
      }
    }
    return handlers;
  }
}
