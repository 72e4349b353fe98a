import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

type Value = string | number | boolean | null;

/**
 * `INSERT INTO <table> (id, <columns>) VALUES (…), (…)` with bind parameters, for seed data.
 * The ids are made here rather than read back from RETURNING, whose row order PostgreSQL
 * does not promise. Table and column names come from the seed's own constants, never from
 * input. Returns the new ids in the order of `rows`.
 */
export async function insertRows(
  m: EntityManager,
  table: string,
  columns: string[],
  rows: Value[][],
): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  const values: Value[] = [];
  const tuples = rows.map((row, index) => {
    if (row.length !== columns.length)
      throw new Error(`${table}: ${row.length} values for ${columns.length} columns`);
    const placeholders = [ids[index], ...row].map((value) => {
      values.push(value);
      return `$${values.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await m.query(`INSERT INTO ${table} (id, ${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  return ids;
}
