import type { DataSource } from 'typeorm';

/**
 * The invariants of DESIGN.md checked on the stored rows of an allocated cycle; each query
 * counts the rows that break one, so every expected value is 0.
 */
export async function invariantBreaches(ds: DataSource, cycleId: string): Promise<Record<string, number>> {
  const checks: Record<string, string> = {
    commitmentIsSumOfPledges: `
      SELECT count(*) FROM collective_commitments cc
      FULL JOIN (SELECT consumer_group_id, offer_id, sum(quantity) AS q FROM member_pledges WHERE cycle_id = $1
                 GROUP BY 1, 2 HAVING sum(quantity) > 0) p USING (consumer_group_id, offer_id)
      WHERE (cc.cycle_id = $1 OR cc.cycle_id IS NULL) AND cc.quantity IS DISTINCT FROM p.q`,
    membersSumToGroup: `
      SELECT count(*) FROM group_allocations ga
      LEFT JOIN (SELECT offer_id, consumer_group_id, sum(allocated) AS s FROM member_allocations WHERE cycle_id = $1
                 GROUP BY 1, 2) m USING (offer_id, consumer_group_id)
      WHERE ga.cycle_id = $1 AND coalesce(m.s, 0) <> ga.allocated`,
    groupWithinCommitment: `SELECT count(*) FROM group_allocations WHERE cycle_id = $1 AND allocated > committed`,
    groupsSumToSupply: `
      SELECT count(*) FROM cycle_offers co
      LEFT JOIN (SELECT offer_id, sum(allocated) AS s FROM group_allocations WHERE cycle_id = $1 GROUP BY 1) g USING (offer_id)
      WHERE co.cycle_id = $1 AND coalesce(g.s, 0) <> co.supply`,
    memberWithinPledge: `
      SELECT count(*) FROM member_allocations ma
      JOIN member_pledges mp USING (cycle_id, member_id, offer_id)
      WHERE ma.cycle_id = $1 AND (ma.allocated > mp.quantity OR ma.pledged <> mp.quantity)`,
    everyPledgeAllocated: `
      SELECT count(*) FROM member_pledges mp
      LEFT JOIN member_allocations ma USING (cycle_id, member_id, offer_id)
      WHERE mp.cycle_id = $1 AND mp.quantity > 0 AND ma.member_id IS NULL`,
    supplyWithinBounds: `
      SELECT count(*) FROM cycle_offers
      WHERE cycle_id = $1 AND (supply > demand OR supply > confirmed OR supply > coalesce(export_cap, supply)
                               OR (excluded AND supply <> 0))`,
    loadingListIsAllocations: `
      SELECT count(*) FROM (SELECT * FROM group_allocations WHERE cycle_id = $1 AND allocated > 0) ga
      FULL JOIN (SELECT * FROM loading_list_lines WHERE cycle_id = $1) l USING (offer_id, consumer_group_id)
      WHERE l.units IS DISTINCT FROM ga.allocated`,
    packagesAndKg: `
      SELECT count(*) FROM loading_list_lines l
      JOIN offers o ON o.id = l.offer_id JOIN products p ON p.id = o.product_id
      WHERE l.cycle_id = $1 AND (l.packages <> ceil(l.units::numeric / o.pack_size)
         OR l.net_kg <> round(l.units * p.unit_net_kg, 3) OR l.gross_kg <> round(l.units * p.unit_gross_kg, 3)
         OR l.cooperative_id <> o.cooperative_id)`,
  };
  const breaches: Record<string, number> = {};
  for (const [name, sql] of Object.entries(checks)) {
    const [row] = await ds.query(sql, [cycleId]);
    breaches[name] = Number(row.count);
  }
  return breaches;
}

/** A digest of everything allocation wrote, to compare a run with a re-run. */
export async function allocationDigest(ds: DataSource, cycleId: string): Promise<string> {
  const [row] = await ds.query(
    `SELECT md5(
       (SELECT coalesce(string_agg(concat_ws(',', offer_id, consumer_group_id, committed, allocated), ';' ORDER BY offer_id, consumer_group_id), '')
          FROM group_allocations WHERE cycle_id = $1) || '|' ||
       (SELECT coalesce(string_agg(concat_ws(',', member_id, offer_id, pledged, allocated), ';' ORDER BY member_id, offer_id), '')
          FROM member_allocations WHERE cycle_id = $1) || '|' ||
       (SELECT coalesce(string_agg(concat_ws(',', offer_id, consumer_group_id, units, packages, net_kg, gross_kg), ';' ORDER BY offer_id, consumer_group_id), '')
          FROM loading_list_lines WHERE cycle_id = $1) || '|' ||
       (SELECT coalesce(string_agg(concat_ws(',', rule, subject_id), ';' ORDER BY rule, subject_id), '')
          FROM cycle_violations WHERE cycle_id = $1) || '|' ||
       (SELECT count(*)::text FROM notifications WHERE cycle_id = $1)
     ) AS digest`,
    [cycleId],
  );
  return row.digest;
}
