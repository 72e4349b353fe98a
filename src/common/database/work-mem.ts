/** Anything that runs a query: TypeORM's EntityManager or QueryRunner, or a pg Client. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Raises `work_mem` to at least `size` for the rest of the current transaction, never lowers
 * it: a statement that sorts or hashes one row per pledge line or per recipient does it in
 * memory instead of spilling to disk, and a later, smaller need in the same transaction does
 * not undo an earlier, larger one. Outside a transaction it does nothing.
 */
export async function atLeastWorkMem(db: Queryable, size: string): Promise<void> {
  await db.query(
    `SELECT CASE WHEN pg_size_bytes(current_setting('work_mem')) < pg_size_bytes($1)
                 THEN set_config('work_mem', $1, true) END`,
    [size],
  );
}
