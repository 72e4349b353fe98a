import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * replace_member_pledges: the write of a member pledge PUT as one function, so that the PUT
 * is one round trip to PostgreSQL instead of five (BEGIN, lock, write, COMMIT; the checks are
 * a query of their own). Under load each round trip costs the API process a socket write
 * and a wake-up; the function made PUT throughput ~1.5× (docs/PERFORMANCE.md).
 *
 * Inside, the statements are those MemberPledgesRepository ran in its transaction, in the same
 * order, and a VOLATILE plpgsql function takes a fresh snapshot for each statement (READ
 * COMMITTED): after waiting for the member's row lock, the write sees the previous PUT of the
 * same member, so the live commitments move by exactly what this PUT changed.
 *
 * Returns one row ('no-such-member' | 'no-open-month' | 'no-such-month' | 'month-not-open')
 * when nothing is written, else the member's pledges in the season ('replaced' rows; none
 * when the member has none left).
 */
export class PledgePutFunction1763800009100 implements MigrationInterface {
  name = 'PledgePutFunction1763800009100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION replace_member_pledges(
        p_member uuid, p_season uuid, p_month text, p_offer_ids uuid[], p_quantities integer[])
      RETURNS TABLE (outcome text, month text, offer_id uuid, quantity integer)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        v_group uuid;
        v_cycles uuid[];
        v_open boolean[];
      BEGIN
        -- Concurrent PUTs for one member run one after the other; the last one wins whole.
        SELECT m.consumer_group_id INTO v_group FROM members m WHERE m.id = p_member FOR UPDATE;
        IF v_group IS NULL THEN
          RETURN QUERY SELECT 'no-such-member'::text, NULL::text, NULL::uuid, NULL::integer;
          RETURN;
        END IF;
        -- The target cycles FOR SHARE: the lock stage cannot lock one of them before we commit.
        WITH target AS (
          SELECT c.id, c.month, (c.status = 'open' AND c.locks_at > now()) AS open FROM cycles c
           WHERE c.season_id = p_season AND (p_month IS NULL OR c.month = p_month)
             AND (p_month IS NOT NULL OR (c.status = 'open' AND c.locks_at > now()))
           ORDER BY c.month FOR SHARE)
        SELECT coalesce(array_agg(t.id ORDER BY t.month), '{}'), coalesce(array_agg(t.open ORDER BY t.month), '{}')
          INTO v_cycles, v_open FROM target t;
        IF cardinality(v_cycles) = 0 THEN
          RETURN QUERY SELECT CASE WHEN p_month IS NULL THEN 'no-open-month' ELSE 'no-such-month' END,
                              NULL::text, NULL::uuid, NULL::integer;
          RETURN;
        END IF;
        IF p_month IS NOT NULL AND NOT v_open[1] THEN
          RETURN QUERY SELECT 'month-not-open'::text, NULL::text, NULL::uuid, NULL::integer;
          RETURN;
        END IF;
        -- Lines kept are upserted and the others deleted (disjoint rows); the group's live
        -- commitments move by the difference, their row locks taken in one global order
        -- (cycle, group, offer), so PUTs of one group queue on them but never deadlock.
        RETURN QUERY
        WITH previous AS (
          SELECT mp.cycle_id, mp.consumer_group_id, mp.offer_id, mp.quantity
            FROM member_pledges mp WHERE mp.member_id = p_member AND mp.cycle_id = ANY(v_cycles)
        ), wanted AS (
          SELECT c.id AS cycle_id, v_group AS consumer_group_id, l.offer_id, l.quantity
            FROM unnest(v_cycles) AS c(id)
           CROSS JOIN unnest(p_offer_ids, p_quantities) AS l(offer_id, quantity)
           WHERE l.quantity > 0
        ), removed AS (
          DELETE FROM member_pledges mp
           WHERE mp.member_id = p_member AND mp.cycle_id = ANY(v_cycles)
             AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.cycle_id = mp.cycle_id AND w.offer_id = mp.offer_id)
        ), written AS (
          INSERT INTO member_pledges AS mp (cycle_id, member_id, offer_id, consumer_group_id, quantity)
          SELECT w.cycle_id, p_member, w.offer_id, w.consumer_group_id, w.quantity FROM wanted w
          ON CONFLICT (cycle_id, member_id, offer_id)
          DO UPDATE SET quantity = EXCLUDED.quantity, consumer_group_id = EXCLUDED.consumer_group_id, updated_at = now()
        ), delta AS (
          SELECT d.cycle_id, d.consumer_group_id, d.offer_id, sum(d.quantity) AS quantity
            FROM (SELECT w.cycle_id, w.consumer_group_id, w.offer_id, w.quantity FROM wanted w
                  UNION ALL
                  SELECT p.cycle_id, p.consumer_group_id, p.offer_id, -p.quantity FROM previous p) d
           GROUP BY d.cycle_id, d.consumer_group_id, d.offer_id
          HAVING sum(d.quantity) <> 0
        ), live AS (
          INSERT INTO live_commitments AS lc (cycle_id, consumer_group_id, offer_id, quantity)
          SELECT d.cycle_id, d.consumer_group_id, d.offer_id, d.quantity FROM delta d
           ORDER BY d.cycle_id, d.consumer_group_id, d.offer_id
          ON CONFLICT (cycle_id, consumer_group_id, offer_id)
          DO UPDATE SET quantity = lc.quantity + EXCLUDED.quantity
        )
        SELECT 'replaced'::text, c.month::text, p.offer_id, p.quantity
          FROM (SELECT w.cycle_id, w.offer_id, w.quantity FROM wanted w
                UNION ALL
                SELECT mp.cycle_id, mp.offer_id, mp.quantity FROM member_pledges mp
                 WHERE mp.member_id = p_member AND NOT (mp.cycle_id = ANY(v_cycles))) p
          JOIN cycles c ON c.id = p.cycle_id
         WHERE c.season_id = p_season
         ORDER BY c.month, p.offer_id;
      END
      $fn$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION replace_member_pledges(uuid, uuid, text, uuid[], integer[])`);
  }
}
