import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { sqlState } from '../database/sql-state';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// PostgreSQL error codes that mean the database is unreachable or restarting, not a bug.
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '53300']);
const CONNECTION_ERRORS =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect/i;

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
  return { statusCode, error: STATUS_NAMES[statusCode] ?? exception.name, message };
}

function isUnavailable(exception: unknown): boolean {
  // TypeORM releases a transaction's query runner when its connection fails (a terminated
  // backend): the transaction's next statement, or its COMMIT, then throws one of these.
  if (
    exception instanceof QueryRunnerAlreadyReleasedError ||
    exception instanceof QueryRunnerProviderAlreadyReleasedError
  )
    return true;
  // A connection lost mid-query fails with "Connection terminated unexpectedly" and no code.
  if (UNAVAILABLE_CODES.has(sqlState(exception) ?? '')) return true;
  return exception instanceof Error && CONNECTION_ERRORS.test(exception.message);
}

/** Every error leaves as `{statusCode, error, message}`; anything unexpected is logged and answers a generic 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let body: ErrorBody;
    if (exception instanceof HttpException) {
      body = fromHttpException(exception);
      // A limit (429) says when to come back.
      const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    } else if (isUnavailable(exception)) {
      body = {
        statusCode: 503,
        error: STATUS_NAMES[503],
        message: 'The database is unavailable; try again shortly',
      };
    } else if (
      (exception as { statusCode?: number })?.statusCode &&
      (exception as { statusCode: number }).statusCode < 500
    ) {
      // Fastify's own errors (malformed JSON, body too large, wrong content type).
      const statusCode = (exception as { statusCode: number }).statusCode;
      body = {
        statusCode,
        error: STATUS_NAMES[statusCode] ?? 'Bad Request',
        message: (exception as Error).message,
      };
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      body = {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: STATUS_NAMES[500],
        message: 'Internal server error',
      };
    }
    void reply.status(body.statusCode).send(body);
  }
}
