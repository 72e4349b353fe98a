import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { contextLogger, type LineLogger } from './log-context';

/** Paths never written to the logs, whatever a log call is given. */
const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'accessToken',
  '*.accessToken',
  'jwtSecret',
  '*.jwtSecret',
  'databaseUrl',
  'redisUrl',
];

/** The process's logger; `destination` (stdout when left out) lets tests read what it writes. */
export function createRootLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED, censor: '[redacted]' }, base: { pid: process.pid } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Nest's logger interface over the same pino logger Fastify writes its request logs with; a
 * line written while serving a request or running a job goes through that request's or job's
 * logger, so it carries its `reqId` (log-context.ts).
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly root: Logger) {}

  private get logger(): LineLogger {
    return contextLogger(this.root);
  }

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
