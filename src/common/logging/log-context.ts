import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/**
 * What the log lines written on behalf of one request, or of one job, have in common: the
 * request id (`reqId`, the name Fastify's request logs give it) and, for a job, the job.
 * Nest's Logger lines (PinoLoggerService) are written through the context's logger, so a
 * service's or the error filter's line carries the same `reqId` as Fastify's
 * "incoming request" and "request completed", and a job queued during a request carries its
 * id into the worker's lines.
 */
/** What a line is written with: pino's logger, or Fastify's request logger (a pino child). */
export type LineLogger = Pick<Logger, 'info' | 'error' | 'warn' | 'debug' | 'trace'>;

interface LogContext {
  requestId?: string;
  /** the logger to write with: the request's (Fastify's child logger), or a job's child */
  logger?: LineLogger;
  /** bindings of a job's lines, made into a child of the root logger on first use */
  bindings?: Record<string, unknown>;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with the log context of a request or a job. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** The id of the request being served (or that queued the running job), if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The logger a line written now goes to: the request's or job's, else `root`. */
export function contextLogger(root: Logger): LineLogger {
  const context = storage.getStore();
  if (!context) return root;
  if (!context.logger) context.logger = root.child(context.bindings ?? { reqId: context.requestId });
  return context.logger;
}

/** An id a client may choose for its request: short, printable, no spaces. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Fastify's request id: the client's `x-request-id` when it is a sane one (so a proxy's or a
 * client's id follows the request into our logs), else a new UUID.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
