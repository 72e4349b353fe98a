import type { DataSource } from 'typeorm';

/**
 * What a database holds: every table's row count and an MD5 digest of its content, so that a
 * test can show a refused request changed no row anywhere. Build the query once per file
 * (`snapshotQuery(await tableNames(ds))`), then `snapshot` before and after.
 */

export async function tableNames(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await ds.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

export type Snapshot = Record<string, { rows: number; digest: string }>;

export function snapshotQuery(tables: string[]): string {
  return tables
    .map(
      (t) =>
        `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM "${t}" x`,
    )
    .join(' UNION ALL ');
}

export async function snapshot(ds: DataSource, sql: string): Promise<Snapshot> {
  const rows: { t: string; n: number; d: string }[] = await ds.query(sql);
  return Object.fromEntries(rows.map((r) => [r.t, { rows: r.n, digest: r.d }]));
}

export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after).filter(
    (t) => before[t]?.rows !== after[t].rows || before[t]?.digest !== after[t].digest,
  );
}
