/** How often a worker process writes its heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A worker whose last beat is older than this is reported as not alive. */
export const ALIVE_WITHIN_MS = 3 * HEARTBEAT_INTERVAL_MS;
/** A worker not heard of for this long is forgotten. */
export const FORGET_AFTER_MS = 60 * 60 * 1000;

/** One worker process's heartbeat, a field of the `<prefix>:workers` hash in Redis. */
export interface Heartbeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  beatAt: string;
  queues: string[];
}

/** The Redis hash of the heartbeats, under the queues' prefix (one per deployment or test run). */
export const heartbeatsKey = (queuePrefix: string): string => `${queuePrefix}:workers`;
