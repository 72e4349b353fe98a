import type { Pool } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';

/** An error of the connection itself (no SQL error code, or class 08/57): the client is discarded. */
function brokeTheConnection(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code !== 'string' || /^(08|57)/.test(code);
}

/**
 * Runs a statement whose text never changes as a named (prepared) statement on the pool:
 * PostgreSQL parses and plans it once per connection instead of on every call. On the hottest
 * endpoints (GET commitments, PUT pledges) planning cost more than executing, so this halves
 * the database's work per request (docs/PERFORMANCE.md). Errors come out as TypeORM's
 * QueryFailedError, like every other query, so the error filter maps them the same way.
 *
 * The client is held the way TypeORM holds its own: with an 'error' listener while checked out
 * (a backend terminated mid-query emits 'error' on the client, and an unheard one would end the
 * process), and discarded rather than returned to the pool when its connection broke.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client = await pool.connect();
  const heard = () => undefined; // the query's own rejection reports the failure
  client.on('error', heard);
  let broken: Error | undefined;
  try {
    return (await client.query({ name, text, values })).rows as T[];
  } catch (error) {
    if (brokeTheConnection(error)) broken = error as Error;
    throw new QueryFailedError(text, values, error as Error);
  } finally {
    client.removeListener('error', heard);
    client.release(broken);
  }
}
