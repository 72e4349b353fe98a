import type { JobsOptions } from 'bullmq';

/** The queues: one per kind of work, so that slow mail never delays a cycle stage (nor the messages that follow one). */
export enum QueueName {
  Clock = 'clock',
  Cycle = 'cycle',
  Notifications = 'notifications',
}

/** Every job Proxima runs. A job name belongs to exactly one queue (JOB_QUEUE). */
export enum JobName {
  ClockTick = 'clock-tick',
  RunStage = 'run-stage',
  SendEmail = 'send-email',
  SendWebhook = 'send-webhook',
  WritePeopleEvent = 'write-people-event',
}

export interface JobPayloads {
  [JobName.ClockTick]: Record<string, never>;
  /** Runs the stage that moves `cycleId` on from `fromStatus`; a no-op if it already moved. */
  [JobName.RunStage]: { cycleId: string; fromStatus: string; requestedBy?: string };
  [JobName.SendEmail]: { notificationId: string };
  [JobName.SendWebhook]: { notificationId: string };
  /** Writes the messages to people of a cycle event a stage recorded; a no-op once written. */
  [JobName.WritePeopleEvent]: { cycleId: string; kind: string };
}

/** Added to a job's data by QueueService: the request that queued it, for the worker's log lines. */
export interface JobTrace {
  requestId?: string;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ClockTick]: QueueName.Clock,
  [JobName.RunStage]: QueueName.Cycle,
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.SendWebhook]: QueueName.Notifications,
  [JobName.WritePeopleEvent]: QueueName.Cycle,
};

const keep = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

/** Per-job options: retries with exponential backoff, and how long finished jobs are kept. */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  [JobName.ClockTick]: { removeOnComplete: true, removeOnFail: 100 },
  [JobName.RunStage]: { ...keep, attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
  [JobName.SendEmail]: { ...keep, attempts: 8, backoff: { type: 'exponential', delay: 5000 } },
  [JobName.SendWebhook]: { ...keep, attempts: 8, backoff: { type: 'exponential', delay: 5000 } },
  [JobName.WritePeopleEvent]: { ...keep, attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
};

/**
 * Worker settings per queue. A worker that dies mid-job leaves the job active until its lock
 * expires (`lockDuration`, renewed every half of it while the job runs) and a stalled-job check
 * (`stalledInterval`) hands it to another worker: BullMQ's defaults (30 s + 30 s) would hold a
 * cycle stage up to a minute; its stages are PostgreSQL transactions, so the event loop stays
 * free to renew a shorter lock.
 */
export const QUEUE_WORKERS: Record<
  QueueName,
  { concurrency: number; lockDuration?: number; stalledInterval?: number }
> = {
  [QueueName.Clock]: { concurrency: 1 },
  [QueueName.Cycle]: { concurrency: 2, lockDuration: 15_000, stalledInterval: 5_000 },
  [QueueName.Notifications]: { concurrency: 8 },
};

/** BullMQ job ids may not contain ':'; stage ids are deterministic so a stage is queued once. */
export function stageJobId(cycleId: string, fromStatus: string): string {
  return `stage-${cycleId}-${fromStatus}`;
}
