import { QueryFailedError } from 'typeorm';

/** PostgreSQL's SQLSTATE of a query that failed (`23514`), or undefined for any other error. */
export function sqlState(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
