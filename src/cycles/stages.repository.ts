import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { withIntegers } from '../common/database/integers';
import { atLeastWorkMem } from '../common/database/work-mem';
import { returningRows } from '../common/database/returning';
import type { CharterCheckInput, CharterRules } from '../charter/domain/charter-rules.types';
import { largestRemainderSql } from './largest-remainder.sql';
import { packagesSql } from './packages.sql';

export interface LockedCycle {
  seasonId: string;
  month: string;
  loadingDate: string;
  charterVersionId: string | null;
  /** The season's currency: the offers' prices and the charter's price floors are in it. */
  currency: string;
}

/**
 * work_mem of the allocate stage's transaction (at least): the members' largest-remainder
 * split sorts every pledge line of the month; at 1M lines the default 4MB spills to disk.
 */
export const ALLOCATE_WORK_MEM = '256MB';

/**
 * The set-based SQL of the cycle stages. Each method runs inside the stage's transaction
 * (the manager passed in) and starts with a guarded status UPDATE, so a stage that runs a
 * second time, or on a second worker at once, finds the status moved and changes nothing.
 */
@Injectable()
export class StagesRepository {
  /** open → locked: freezes the collective commitments and the demand per offer. */
  async lock(m: EntityManager, cycleId: string): Promise<LockedCycle | null> {
    const [cycle] = await returningRows<LockedCycle>(
      m,
      `UPDATE cycles c
          SET status = 'locked', locked_at = now(), updated_at = now(),
              charter_version_id = cv.id, charter_version = cv.version
         FROM seasons s
         LEFT JOIN LATERAL (
           SELECT id, version FROM charter_versions WHERE partnership_id = s.partnership_id ORDER BY version DESC LIMIT 1
         ) cv ON true
        WHERE c.id = $1 AND c.status = 'open' AND s.id = c.season_id
      RETURNING c.season_id AS "seasonId", c.month, to_char(c.loading_date, 'YYYY-MM-DD') AS "loadingDate",
                cv.id AS "charterVersionId", s.currency`,
      [cycleId],
    );
    if (!cycle) return null;
    // Summed by CREATE TABLE … AS, which PostgreSQL may run on parallel workers: an
    // INSERT … SELECT never gets a parallel plan, and on a month of 1M lines took twice as long
    // (docs/PERFORMANCE.md). The table holds a row per group and offer and goes at commit.
    await m.query(
      `CREATE TEMP TABLE locked_commitments ON COMMIT DROP AS
       SELECT consumer_group_id, offer_id, sum(quantity) AS quantity
         FROM member_pledges
        WHERE cycle_id = $1
        GROUP BY consumer_group_id, offer_id
       HAVING sum(quantity) > 0`,
      [cycleId],
    );
    await m.query(
      `INSERT INTO collective_commitments (cycle_id, consumer_group_id, offer_id, quantity)
       SELECT $1::uuid, consumer_group_id, offer_id, quantity FROM locked_commitments
       ON CONFLICT DO NOTHING`,
      [cycleId],
    );
    await m.query(
      `INSERT INTO cycle_offers (cycle_id, offer_id, cooperative_id, demand)
       SELECT $1, o.id, o.cooperative_id, coalesce(d.demand, 0)
         FROM offers o
         LEFT JOIN (
           SELECT offer_id, sum(quantity) AS demand FROM collective_commitments WHERE cycle_id = $1 GROUP BY offer_id
         ) d ON d.offer_id = o.id
        WHERE o.season_id = $2
       ON CONFLICT DO NOTHING`,
      [cycleId, cycle.seasonId],
    );
    return cycle;
  }

  /** Everything the charter is checked against, for a cycle just locked: a handful of rows per offer. */
  async charterInput(m: EntityManager, cycleId: string, locked: LockedCycle): Promise<CharterCheckInput> {
    const [charter] = locked.charterVersionId
      ? await m.query('SELECT rules FROM charter_versions WHERE id = $1', [locked.charterVersionId])
      : [{ rules: {} }];
    const offers = await m.query(
      `SELECT co.offer_id AS "offerId", co.cooperative_id AS "cooperativeId", o.product_id AS "productId",
              p.name AS "productName", o.unit_price_minor::float8 AS "unitPriceMinor",
              o.monthly_capacity AS "monthlyCapacity", co.demand
         FROM cycle_offers co
         JOIN offers o ON o.id = co.offer_id
         JOIN products p ON p.id = o.product_id
        WHERE co.cycle_id = $1`,
      [cycleId],
    );
    const cooperatives = await m.query(
      `SELECT c.id AS "cooperativeId", c.name, c.local_sales_share::float8 AS "localSalesShare",
              coalesce(json_agg(json_build_object(
                'kind', ce.kind,
                'validFrom', to_char(ce.valid_from, 'YYYY-MM-DD'),
                'validTo', to_char(ce.valid_to, 'YYYY-MM-DD'))) FILTER (WHERE ce.id IS NOT NULL), '[]') AS certificates
         FROM cooperatives c
         LEFT JOIN certificates ce ON ce.cooperative_id = c.id
        WHERE c.id IN (SELECT cooperative_id FROM cycle_offers WHERE cycle_id = $1)
        GROUP BY c.id`,
      [cycleId],
    );
    // The season's first month is the reference for commitment stability.
    const groupCommitments = await m.query(
      `SELECT cc.offer_id AS "offerId", cc.consumer_group_id AS "consumerGroupId", g.name AS "consumerGroupName",
              cc.quantity, first.quantity AS "firstMonthQuantity"
         FROM collective_commitments cc
         JOIN consumer_groups g ON g.id = cc.consumer_group_id
         JOIN cycles c ON c.id = cc.cycle_id
         JOIN LATERAL (SELECT id FROM cycles WHERE season_id = c.season_id ORDER BY month LIMIT 1) fc ON true
         LEFT JOIN collective_commitments first
           ON first.cycle_id = fc.id AND first.offer_id = cc.offer_id AND first.consumer_group_id = cc.consumer_group_id
        WHERE cc.cycle_id = $1`,
      [cycleId],
    );
    return {
      rules: charter.rules as CharterRules,
      loadingDate: locked.loadingDate,
      currency: locked.currency,
      offers: withIntegers(offers as CharterCheckInput['offers'][number][], ['demand', 'monthlyCapacity']),
      cooperatives,
      groupCommitments: withIntegers(groupCommitments as CharterCheckInput['groupCommitments'][number][], [
        'quantity',
        'firstMonthQuantity',
      ]),
    };
  }

  /** locked → confirming: one confirmation row per cooperative with demand on its offers. */
  async openConfirmations(m: EntityManager, cycleId: string): Promise<boolean> {
    const moved = await returningRows(
      m,
      `UPDATE cycles SET status = 'confirming', updated_at = now() WHERE id = $1 AND status = 'locked' RETURNING id`,
      [cycleId],
    );
    if (moved.length === 0) return false;
    await m.query(
      `INSERT INTO cooperative_confirmations (cycle_id, cooperative_id)
       SELECT DISTINCT cycle_id, cooperative_id FROM cycle_offers WHERE cycle_id = $1 AND demand > 0
       ON CONFLICT DO NOTHING`,
      [cycleId],
    );
    return true;
  }

  /**
   * confirming → allocated: supply per offer, then the groups' and the members' shares by
   * largest remainder, then the loading list, each one INSERT … SELECT.
   */
  async allocate(m: EntityManager, cycleId: string): Promise<boolean> {
    const moved = await returningRows(
      m,
      `UPDATE cycles SET status = 'allocated', allocated_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'confirming' RETURNING id`,
      [cycleId],
    );
    if (moved.length === 0) return false;
    // The members' split sorts one row per pledge line (a million a month): in memory, not on disk.
    await atLeastWorkMem(m, ALLOCATE_WORK_MEM);
    await this.computeSupply(m, cycleId);
    await m.query(
      `WITH source AS (
         SELECT cc.offer_id, cc.consumer_group_id, cc.quantity AS weight, co.supply AS total
           FROM collective_commitments cc
           JOIN cycle_offers co ON co.cycle_id = cc.cycle_id AND co.offer_id = cc.offer_id
          WHERE cc.cycle_id = $1
       ), ${largestRemainderSql('source', 'offer_id', 'consumer_group_id', 'numeric')}
       INSERT INTO group_allocations (cycle_id, offer_id, consumer_group_id, committed, allocated)
       SELECT $1, offer_id, consumer_group_id, weight, share FROM shared
       ON CONFLICT DO NOTHING`,
      [cycleId],
    );
    await m.query(
      `WITH source AS (
         SELECT mp.offer_id, mp.consumer_group_id, mp.member_id, mp.quantity AS weight, ga.allocated AS total
           FROM member_pledges mp
           JOIN group_allocations ga
             ON ga.cycle_id = mp.cycle_id AND ga.offer_id = mp.offer_id AND ga.consumer_group_id = mp.consumer_group_id
          WHERE mp.cycle_id = $1 AND mp.quantity > 0
       ), ${largestRemainderSql('source', 'consumer_group_id, offer_id', 'member_id', 'bigint')}
       -- The split comes out by group, offer and remainder; written in primary-key order instead
       -- (cycle, group, member, offer), each index entry lands beside the one before it: the extra
       -- sort costs less than the scattered index inserts did (docs/PERFORMANCE.md, decision 21).
       -- No ON CONFLICT here: a speculative insert per pledge line costs, and the status guard
       -- above already makes a second run write nothing; the primary key still refuses a duplicate.
       INSERT INTO member_allocations (cycle_id, member_id, offer_id, consumer_group_id, pledged, allocated)
       SELECT $1, member_id, offer_id, consumer_group_id, weight, share FROM shared
        ORDER BY consumer_group_id, member_id, offer_id`,
      [cycleId],
    );
    // The statistics still say the month's rows do not exist: without them the statements that
    // read them next (the members' cycle.allocated messages, by their own job as soon as this
    // commits) were planned as nested loops over "1 row", 17 s at a million lines instead of 2.
    await m.query('ANALYZE member_allocations');
    await m.query(
      `INSERT INTO loading_list_lines (cycle_id, cooperative_id, offer_id, consumer_group_id, units, packages, net_kg, gross_kg)
       SELECT ga.cycle_id, o.cooperative_id, ga.offer_id, ga.consumer_group_id, ga.allocated,
              ${packagesSql('ga.allocated', 'o.pack_size')}::bigint,
              round(ga.allocated * p.unit_net_kg, 3), round(ga.allocated * p.unit_gross_kg, 3)
         FROM group_allocations ga
         JOIN offers o ON o.id = ga.offer_id
         JOIN products p ON p.id = o.product_id
        WHERE ga.cycle_id = $1 AND ga.allocated > 0
       ON CONFLICT DO NOTHING`,
      [cycleId],
    );
    return true;
  }

  /**
   * supply = min(confirmed, export cap, demand), 0 for an excluded offer. A cooperative that
   * did not confirm an offer is held to its delivery pledge for the month. Only violations
   * not waived count.
   */
  private async computeSupply(m: EntityManager, cycleId: string): Promise<void> {
    await m.query(
      `UPDATE cycle_offers co
          SET confirmed = coalesce(co.confirmed, dp.quantity, 0),
              excluded = EXISTS (
                SELECT 1 FROM cycle_violations v
                 WHERE v.cycle_id = co.cycle_id AND NOT v.waived AND v.effect = 'exclude'
                   AND ((v.subject_type = 'offer' AND v.subject_id = co.offer_id::text)
                     OR (v.subject_type = 'cooperative' AND v.subject_id = co.cooperative_id::text))),
              export_cap = (
                SELECT min(v.cap_units) FROM cycle_violations v
                 WHERE v.cycle_id = co.cycle_id AND NOT v.waived AND v.effect = 'cap'
                   AND v.subject_type = 'offer' AND v.subject_id = co.offer_id::text)
         FROM cycle_offers base
         LEFT JOIN delivery_pledges dp ON dp.cycle_id = base.cycle_id AND dp.offer_id = base.offer_id
        WHERE co.cycle_id = $1 AND base.cycle_id = co.cycle_id AND base.offer_id = co.offer_id`,
      [cycleId],
    );
    await m.query(
      `UPDATE cycle_offers
          SET supply = CASE WHEN excluded THEN 0 ELSE least(confirmed, coalesce(export_cap, demand), demand) END
        WHERE cycle_id = $1`,
      [cycleId],
    );
  }
}
