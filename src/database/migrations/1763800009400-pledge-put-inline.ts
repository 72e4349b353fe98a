import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PledgePutFunction1763800009100 } from './1763800009100-pledge-put-function';
import { PledgePutOneCall1763800009300 } from './1763800009300-pledge-put-one-call';

/**
 * put_member_pledges as one function with three statements, where it was two functions with five
 * (docs/PERFORMANCE.md, "PUT pledges, fewer statements"). Under load, PostgreSQL spent about a
 * fifth of a PUT setting up the executor for each statement, and the nested call materialised
 * its rows twice. What it does is unchanged:
 *
 * 1. The facts the checks need, read with the member row locked (FOR NO KEY UPDATE: concurrent
 *    PUTs for one member run one after the other, and the last one wins whole). When any check
 *    fails, or the caller asks for no write (the lines name an offer twice), nothing is written
 *    and one 'refused' row answers the facts, from which the API decides which 4xx to give, in
 *    its order. The reach is reachOf's (common/auth/ownership.ts): p_reach_all, or the member's
 *    group equal to p_reach_group, or the member itself equal to p_reach_member; NULL matches
 *    nothing.
 * 2. The target cycles FOR SHARE: every month still open, or the month given, which must be
 *    open. The lock stage cannot lock one of them before this PUT commits.
 * 3. The write. A VOLATILE plpgsql function takes a fresh snapshot for each statement (READ
 *    COMMITTED), so after waiting for the member's lock in 1 this statement sees the previous
 *    PUT of the same member. Only the lines that change are written: deleted, updated or
 *    inserted. The group's live commitments move by exactly that difference (a line's group is
 *    its member's, and no endpoint moves a member to another group), their row locks taken in
 *    one global order (cycle, group, offer), so PUTs of one group queue on them but never
 *    deadlock. It answers the member's pledges in the season, the months not written
 *    included.
 *
 * Outcomes: 'refused' (with the facts), 'no-open-month', 'no-such-month', 'month-not-open', or
 * 'replaced' rows (none when the member has no pledge left in the season).
 */
export class PledgePutInline1763800009400 implements MigrationInterface {
  name = 'PledgePutInline1763800009400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION put_member_pledges(uuid, uuid, text, uuid[], integer[], boolean, boolean, uuid, uuid);
      DROP FUNCTION replace_member_pledges(uuid, uuid, text, uuid[], integer[]);
    `);
    await db.query(`
      CREATE FUNCTION put_member_pledges(
        p_season uuid, p_member uuid, p_month text, p_offer_ids uuid[], p_quantities integer[],
        p_write boolean, p_reach_all boolean, p_reach_group uuid, p_reach_member uuid)
      RETURNS TABLE (outcome text, month text, offer_id uuid, quantity integer,
                     season_exists boolean, consumer_group_id uuid, enrolled boolean, known_offers text[])
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        v_season_exists boolean;
        v_group uuid;
        v_enrolled boolean;
        v_known text[];
        v_cycles uuid[];
        v_months text[];
        v_open boolean[];
      BEGIN
        -- The member is locked inside a LATERAL subquery, so the one row of facts comes back
        -- whether or not it exists (a lock cannot sit on the nullable side of an outer join).
        SELECT EXISTS (SELECT 1 FROM seasons s WHERE s.id = p_season),
               m.consumer_group_id,
               EXISTS (SELECT 1 FROM season_groups g
                        WHERE g.season_id = p_season AND g.consumer_group_id = m.consumer_group_id),
               ARRAY(SELECT o.id FROM offers o WHERE o.season_id = p_season AND o.id = ANY(p_offer_ids))::text[]
          INTO v_season_exists, v_group, v_enrolled, v_known
          FROM (SELECT 1) one
          LEFT JOIN LATERAL (SELECT mm.consumer_group_id FROM members mm WHERE mm.id = p_member
                               FOR NO KEY UPDATE) m ON true;
        -- IS NOT TRUE: a comparison with a NULL refuses, it never lets through.
        IF (p_write AND v_season_exists AND v_group IS NOT NULL AND v_enrolled
            AND (p_reach_all OR v_group = p_reach_group OR p_member = p_reach_member)
            AND cardinality(v_known) = cardinality(p_offer_ids)) IS NOT TRUE THEN
          RETURN QUERY SELECT 'refused'::text, NULL::text, NULL::uuid, NULL::integer,
                              v_season_exists, v_group, v_enrolled, v_known;
          RETURN;
        END IF;

        SELECT coalesce(array_agg(t.id ORDER BY t.month), '{}'),
               coalesce(array_agg(t.month ORDER BY t.month), '{}'),
               coalesce(array_agg(t.open ORDER BY t.month), '{}')
          INTO v_cycles, v_months, v_open
          FROM (SELECT c.id, c.month, (c.status = 'open' AND c.locks_at > now()) AS open FROM cycles c
                 WHERE c.season_id = p_season AND (p_month IS NULL OR c.month = p_month)
                   AND (p_month IS NOT NULL OR (c.status = 'open' AND c.locks_at > now()))
                 ORDER BY c.month FOR SHARE) t;
        IF cardinality(v_cycles) = 0 OR (p_month IS NOT NULL AND NOT v_open[1]) THEN
          RETURN QUERY SELECT CASE WHEN cardinality(v_cycles) > 0 THEN 'month-not-open'
                                   WHEN p_month IS NULL THEN 'no-open-month' ELSE 'no-such-month' END,
                              NULL::text, NULL::uuid, NULL::integer,
                              NULL::boolean, NULL::uuid, NULL::boolean, NULL::text[];
          RETURN;
        END IF;

        RETURN QUERY
        WITH wanted AS (
          SELECT t.cycle_id, t.month, l.offer_id, l.quantity
            FROM unnest(v_cycles, v_months) AS t(cycle_id, month)
           CROSS JOIN unnest(p_offer_ids, p_quantities) AS l(offer_id, quantity)
           WHERE l.quantity > 0
        ), change AS (
          SELECT coalesce(w.cycle_id, p.cycle_id) AS cycle_id, coalesce(w.offer_id, p.offer_id) AS offer_id,
                 p.quantity AS old_quantity, w.quantity AS new_quantity
            FROM wanted w
            FULL JOIN (SELECT mp.cycle_id, mp.offer_id, mp.quantity FROM member_pledges mp
                        WHERE mp.member_id = p_member AND mp.cycle_id = ANY(v_cycles)) p
              ON p.cycle_id = w.cycle_id AND p.offer_id = w.offer_id
           WHERE w.quantity IS DISTINCT FROM p.quantity
        ), removed AS (
          DELETE FROM member_pledges mp USING change ch
           WHERE ch.new_quantity IS NULL
             AND mp.member_id = p_member AND mp.cycle_id = ch.cycle_id AND mp.offer_id = ch.offer_id
        ), updated AS (
          UPDATE member_pledges mp SET quantity = ch.new_quantity, updated_at = now()
            FROM change ch
           WHERE ch.old_quantity IS NOT NULL AND ch.new_quantity IS NOT NULL
             AND mp.member_id = p_member AND mp.cycle_id = ch.cycle_id AND mp.offer_id = ch.offer_id
        ), inserted AS (
          INSERT INTO member_pledges (cycle_id, member_id, offer_id, consumer_group_id, quantity)
          SELECT ch.cycle_id, p_member, ch.offer_id, v_group, ch.new_quantity FROM change ch
           WHERE ch.old_quantity IS NULL
        ), live AS (
          INSERT INTO live_commitments AS lc (cycle_id, consumer_group_id, offer_id, quantity)
          SELECT ch.cycle_id, v_group, ch.offer_id, coalesce(ch.new_quantity, 0) - coalesce(ch.old_quantity, 0)
            FROM change ch
           ORDER BY ch.cycle_id, ch.offer_id
          ON CONFLICT (cycle_id, consumer_group_id, offer_id)
          DO UPDATE SET quantity = lc.quantity + EXCLUDED.quantity
        )
        SELECT 'replaced'::text, r.month, r.offer_id, r.quantity,
               NULL::boolean, NULL::uuid, NULL::boolean, NULL::text[]
          FROM (SELECT w.month, w.offer_id, w.quantity FROM wanted w
                UNION ALL
                SELECT c.month::text, mp.offer_id, mp.quantity
                  FROM cycles c JOIN member_pledges mp ON mp.cycle_id = c.id AND mp.member_id = p_member
                 WHERE c.season_id = p_season AND NOT (c.id = ANY(v_cycles))) r
         ORDER BY r.month, r.offer_id;
      END
      $fn$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION put_member_pledges(uuid, uuid, text, uuid[], integer[], boolean, boolean, uuid, uuid)`,
    );
    await new PledgePutFunction1763800009100().up(db);
    await new PledgePutOneCall1763800009300().up(db);
  }
}
