import type { Client } from 'pg';
import { largestRemainderSql } from '../src/cycles/largest-remainder.sql';
import { atLeastWorkMem } from '../src/common/database/work-mem';
import { ALLOCATE_WORK_MEM } from '../src/cycles/stages.repository';
import { say } from './bench-support';

async function timedSql(client: Client, sql: string, params: unknown[]): Promise<number> {
  const t0 = performance.now();
  await client.query(sql, params);
  return performance.now() - t0;
}

/**
 * The raw-SQL floor of the lock and the allocation: the bare statements that compute the same
 * rows as the stages (commitments by GROUP BY; supply, both largest-remainder splits and the
 * loading list), written into temporary tables (no WAL, no index, no constraint), each in one
 * transaction like the stage. Then checks that the floor's rows are the stage's rows.
 */
export async function runFloor(
  client: Client,
  cycleId: string,
): Promise<{ lockMs: number; allocateMs: number }> {
  let lockMs = 0;
  await client.query('BEGIN');
  lockMs += await timedSql(
    client,
    `CREATE TEMP TABLE floor_commitments AS
     SELECT consumer_group_id, offer_id, sum(quantity)::bigint AS quantity
       FROM member_pledges WHERE cycle_id = $1
      GROUP BY consumer_group_id, offer_id HAVING sum(quantity) > 0`,
    [cycleId],
  );
  lockMs += await timedSql(
    client,
    `CREATE TEMP TABLE floor_offers AS
     SELECT o.id AS offer_id, o.cooperative_id, coalesce(d.demand, 0) AS demand
       FROM offers o
       LEFT JOIN (SELECT offer_id, sum(quantity)::bigint AS demand FROM floor_commitments GROUP BY offer_id) d
         ON d.offer_id = o.id
      WHERE o.season_id = (SELECT season_id FROM cycles WHERE id = $1)`,
    [cycleId],
  );
  await client.query('COMMIT');
  let allocateMs = 0;
  await client.query('BEGIN');
  await atLeastWorkMem(client, ALLOCATE_WORK_MEM); // as the stage has it
  // The bench's cycle has no confirmation and no violation: supply = min(delivery pledge, demand).
  allocateMs += await timedSql(
    client,
    `CREATE TEMP TABLE floor_supply AS
     SELECT f.offer_id, least(coalesce(dp.quantity, 0), f.demand) AS supply
       FROM floor_offers f LEFT JOIN delivery_pledges dp ON dp.cycle_id = $1 AND dp.offer_id = f.offer_id`,
    [cycleId],
  );
  allocateMs += await timedSql(
    client,
    `CREATE TEMP TABLE floor_groups AS
     WITH source AS (
       SELECT c.offer_id, c.consumer_group_id, c.quantity AS weight, s.supply AS total
         FROM floor_commitments c JOIN floor_supply s ON s.offer_id = c.offer_id
     ), ${largestRemainderSql('source', 'offer_id', 'consumer_group_id', 'numeric')}
     SELECT offer_id, consumer_group_id, weight AS committed, share AS allocated FROM shared`,
    [],
  );
  allocateMs += await timedSql(
    client,
    `CREATE TEMP TABLE floor_members AS
     WITH source AS (
       SELECT mp.offer_id, mp.consumer_group_id, mp.member_id, mp.quantity AS weight, g.allocated AS total
         FROM member_pledges mp
         JOIN floor_groups g ON g.offer_id = mp.offer_id AND g.consumer_group_id = mp.consumer_group_id
        WHERE mp.cycle_id = $1 AND mp.quantity > 0
     ), ${largestRemainderSql('source', 'consumer_group_id, offer_id', 'member_id', 'bigint')}
     SELECT member_id, offer_id, consumer_group_id, weight AS pledged, share AS allocated FROM shared`,
    [cycleId],
  );
  allocateMs += await timedSql(
    client,
    `CREATE TEMP TABLE floor_loading AS
     SELECT o.cooperative_id, g.offer_id, g.consumer_group_id, g.allocated AS units,
            ceil(g.allocated::numeric / o.pack_size)::bigint AS packages,
            round(g.allocated * p.unit_net_kg, 3) AS net_kg, round(g.allocated * p.unit_gross_kg, 3) AS gross_kg
       FROM floor_groups g JOIN offers o ON o.id = g.offer_id JOIN products p ON p.id = o.product_id
      WHERE g.allocated > 0`,
    [],
  );
  await client.query('COMMIT');
  await checkSameRows(client, cycleId);
  return { lockMs: Math.round(lockMs), allocateMs: Math.round(allocateMs) };
}

/** The floor is only a floor if it computes what the stages stored: any difference stops the bench. */
async function checkSameRows(client: Client, cycleId: string): Promise<void> {
  const differences = [
    [
      'commitments',
      `(SELECT consumer_group_id, offer_id, quantity FROM floor_commitments
        EXCEPT SELECT consumer_group_id, offer_id, quantity FROM collective_commitments WHERE cycle_id = $1)
       UNION ALL
       (SELECT consumer_group_id, offer_id, quantity FROM collective_commitments WHERE cycle_id = $1
        EXCEPT SELECT consumer_group_id, offer_id, quantity FROM floor_commitments)`,
    ],
    [
      'group allocations',
      `SELECT offer_id, consumer_group_id, committed, allocated FROM floor_groups
       EXCEPT SELECT offer_id, consumer_group_id, committed, allocated FROM group_allocations WHERE cycle_id = $1`,
    ],
    [
      'member allocations',
      `(SELECT member_id, offer_id, pledged, allocated FROM floor_members
        EXCEPT SELECT member_id, offer_id, pledged, allocated FROM member_allocations WHERE cycle_id = $1)
       UNION ALL
       (SELECT member_id, offer_id, pledged, allocated FROM member_allocations WHERE cycle_id = $1
        EXCEPT SELECT member_id, offer_id, pledged, allocated FROM floor_members)`,
    ],
    [
      'loading list',
      `SELECT cooperative_id, offer_id, consumer_group_id, units, packages, net_kg, gross_kg FROM floor_loading
       EXCEPT SELECT cooperative_id, offer_id, consumer_group_id, units, packages, net_kg, gross_kg
         FROM loading_list_lines WHERE cycle_id = $1`,
    ],
  ];
  for (const [name, sql] of differences) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM (${sql}) d`, [cycleId]);
    if (rows[0].n !== 0) throw new Error(`floor and stage differ: ${rows[0].n} ${name} rows`);
  }
  const { rows } = await client.query(
    `SELECT count(*)::int AS n, sum(allocated)::bigint AS allocated, sum(pledged)::bigint AS pledged
       FROM member_allocations WHERE cycle_id = $1`,
    [cycleId],
  );
  say(
    `floor rows = stage rows (${rows[0].n} member allocations, ${rows[0].allocated} of ${rows[0].pledged} units allocated)`,
  );
}
