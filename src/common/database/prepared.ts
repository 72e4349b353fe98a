import type { Pool } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';

/**
 * Runs a statement whose text never changes as a named (prepared) statement on the pool:
 * PostgreSQL parses and plans it once per connection instead of on every call. On the hottest
 * endpoints (GET commitments, PUT pledges) planning cost more than executing, so this halves
 * the database's work per request (docs/PERFORMANCE.md). Errors come out as TypeORM's
 * QueryFailedError, like every other query, so the error filter maps them the same way.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  try {
    return (await pool.query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
