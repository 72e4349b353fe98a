import type { DataSource, EntityManager } from 'typeorm';

/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING`. TypeORM's query() answers
 * `[rows, rowCount]` for those two commands on PostgreSQL (and the rows alone for any other),
 * so destructuring its result as rows silently reads the wrong thing.
 */
export async function returningRows<T>(
  db: EntityManager | DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = await db.query(sql, params);
  const isPair =
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
  return isPair ? result[0] : result;
}
