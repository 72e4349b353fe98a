import type { DataSource } from 'typeorm';
import { effectiveExclusions, type RecordedViolation } from '../../src/charter/domain/effective-exclusions';
import { allocateCycle } from '../../src/cycles/domain/allocate';
import { kgFor, packagesFor } from '../../src/cycles/domain/package-count';

/**
 * The invariants of the monthly cycle (docs/CYCLE.md) checked on the stored rows of an allocated cycle; each query
 * counts the rows that break one, so every expected value is 0. The last three compare the
 * stored rows with the pure functions the SQL stages mirror (the oracle), on the same inputs.
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
  return { ...breaches, ...(await oracleBreaches(ds, cycleId)) };
}

/**
 * The stored allocation against the pure one: `effectiveExclusions` over the stored violations
 * and waivers (the charter's, from lock; dispatch adds the transport ones later) gives each
 * offer's exclusion and export cap, `allocateCycle` over the stored
 * supply inputs, commitments and pledges gives supply, group and member shares, and
 * `packagesFor` / `kgFor` give the loading list. Each count is the rows that differ.
 */
async function oracleBreaches(ds: DataSource, cycleId: string): Promise<Record<string, number>> {
  const offers: {
    offerId: string;
    cooperativeId: string;
    demand: number;
    confirmed: number | null;
    exportCap: number | null;
    excluded: boolean;
    supply: number | null;
  }[] = await ds.query(
    `SELECT offer_id AS "offerId", cooperative_id AS "cooperativeId", demand, confirmed, export_cap AS "exportCap",
              excluded, supply
         FROM cycle_offers WHERE cycle_id = $1`,
    [cycleId],
  );
  const violations: (RecordedViolation & { waived: boolean })[] = (
    await ds.query(
      `SELECT id, rule, severity, subject_type AS "subjectType", subject_id AS "subjectId", message, effect,
              cap_units AS "capUnits", waived
         FROM cycle_violations
        WHERE cycle_id = $1 AND subject_type IN ('offer', 'cooperative', 'group_offer')`,
      [cycleId],
    )
  ).map((v: RecordedViolation & { capUnits: number | null; waived: boolean }) => ({
    ...v,
    capUnits: v.capUnits ?? undefined,
  }));
  const restrictions = effectiveExclusions(
    violations,
    violations.filter((v) => v.waived).map((v) => v.id),
    offers,
  );
  const restrictionsDiffer = offers.filter(
    (o) =>
      o.excluded !== restrictions.excludedOfferIds.has(o.offerId) ||
      (o.exportCap === null ? null : Number(o.exportCap)) !==
        (restrictions.capUnitsByOffer.get(o.offerId) ?? null),
  ).length;

  const groupCommitments = await ds.query(
    `SELECT offer_id AS "offerId", consumer_group_id AS "consumerGroupId", quantity
       FROM collective_commitments WHERE cycle_id = $1`,
    [cycleId],
  );
  const memberPledges = await ds.query(
    `SELECT offer_id AS "offerId", consumer_group_id AS "consumerGroupId", member_id AS "memberId", quantity
       FROM member_pledges WHERE cycle_id = $1 AND quantity > 0`,
    [cycleId],
  );
  const pure = allocateCycle({
    offers: offers.map((o) => ({
      offerId: o.offerId,
      demand: Number(o.demand),
      confirmed: Number(o.confirmed ?? 0),
      exportCap: o.exportCap === null ? null : Number(o.exportCap),
      excluded: o.excluded,
    })),
    // Counts may come back as bigint (strings): the pure functions take numbers.
    groupCommitments: groupCommitments.map((c: any) => ({ ...c, quantity: Number(c.quantity) })),
    memberPledges: memberPledges.map((p: any) => ({ ...p, quantity: Number(p.quantity) })),
  });
  const storedGroups = await ds.query(
    `SELECT offer_id AS "offerId", consumer_group_id AS "consumerGroupId", committed, allocated
       FROM group_allocations WHERE cycle_id = $1`,
    [cycleId],
  );
  const storedMembers = await ds.query(
    `SELECT offer_id AS "offerId", consumer_group_id AS "consumerGroupId", member_id AS "memberId", pledged, allocated
       FROM member_allocations WHERE cycle_id = $1`,
    [cycleId],
  );
  const allocationDiffers =
    rowsThatDiffer(
      offers.map((o) => [o.offerId, o.supply === null ? null : Number(o.supply)]),
      pure.supply.map((o) => [o.offerId, o.supply]),
    ) +
    rowsThatDiffer(
      storedGroups.map((g: any) => [
        `${g.offerId}|${g.consumerGroupId}`,
        `${Number(g.committed)}/${Number(g.allocated)}`,
      ]),
      pure.groups.map((g) => [`${g.offerId}|${g.consumerGroupId}`, `${g.committed}/${g.allocated}`]),
    ) +
    rowsThatDiffer(
      storedMembers.map((m: any) => [
        `${m.offerId}|${m.consumerGroupId}|${m.memberId}`,
        `${m.pledged}/${m.allocated}`,
      ]),
      pure.members.map((m) => [
        `${m.offerId}|${m.consumerGroupId}|${m.memberId}`,
        `${m.pledged}/${m.allocated}`,
      ]),
    );

  const loadingList = await ds.query(
    `SELECT l.units, l.packages, l.net_kg::text AS "netKg", l.gross_kg::text AS "grossKg", o.pack_size AS "packSize",
            p.unit_net_kg::text AS "unitNetKg", p.unit_gross_kg::text AS "unitGrossKg"
       FROM loading_list_lines l
       JOIN offers o ON o.id = l.offer_id JOIN products p ON p.id = o.product_id
      WHERE l.cycle_id = $1`,
    [cycleId],
  );
  const loadingListDiffers = loadingList.filter(
    (l: any) =>
      Number(l.packages) !== packagesFor(Number(l.units), Number(l.packSize)) ||
      Number(l.netKg) !== kgFor(Number(l.units), Number(l.unitNetKg)) ||
      Number(l.grossKg) !== kgFor(Number(l.units), Number(l.unitGrossKg)),
  ).length;

  return {
    restrictionsAreThePureOnes: restrictionsDiffer,
    allocationIsThePureOne: allocationDiffers,
    loadingListIsThePureOne: loadingListDiffers,
  };
}

/** Keys present on one side only, or with another value. */
function rowsThatDiffer(stored: [string, unknown][], pure: [string, unknown][]): number {
  const expected = new Map(pure);
  const seen = new Map(stored);
  let differ = 0;
  for (const [key, value] of seen) if (!expected.has(key) || expected.get(key) !== value) differ++;
  for (const key of expected.keys()) if (!seen.has(key)) differ++;
  return differ;
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
