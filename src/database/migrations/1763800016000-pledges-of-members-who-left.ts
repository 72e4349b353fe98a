import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * put_member_pledges refuses a member who left its group (members.active = false, migration
 * 1763800013400): its pledges of open months were removed when it left, and nobody (itself, its
 * coordinator, an admin) may pledge for it again. The function answers the member's `active`
 * with the facts of a refusal (a new result column, hence DROP and CREATE), for the API's 422.
 * Otherwise unchanged from 1763800009400.
 */
const BODY = `
      #variable_conflict use_column
      DECLARE
        v_season_exists boolean;
        v_group uuid;
        v_enrolled boolean;
        v_active boolean;
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
               ARRAY(SELECT o.id FROM offers o WHERE o.season_id = p_season AND o.id = ANY(p_offer_ids))::text[],
               m.active
          INTO v_season_exists, v_group, v_enrolled, v_known, v_active
          FROM (SELECT 1) one
          LEFT JOIN LATERAL (SELECT mm.consumer_group_id, mm.active FROM members mm WHERE mm.id = p_member
                               FOR NO KEY UPDATE) m ON true;
        -- IS NOT TRUE: a comparison with a NULL refuses, it never lets through.
        -- A member who left its group (active = false) pledges no more, whoever asks.
        IF (p_write AND v_season_exists AND v_group IS NOT NULL AND v_active AND v_enrolled
            AND (p_reach_all OR v_group = p_reach_group OR p_member = p_reach_member)
            AND cardinality(v_known) = cardinality(p_offer_ids)) IS NOT TRUE THEN
          RETURN QUERY SELECT 'refused'::text, NULL::text, NULL::uuid, NULL::integer,
                              v_season_exists, v_group, v_enrolled, v_known, v_active;
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
                              NULL::boolean, NULL::uuid, NULL::boolean, NULL::text[], NULL::boolean;
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
               NULL::boolean, NULL::uuid, NULL::boolean, NULL::text[], NULL::boolean
          FROM (SELECT w.month, w.offer_id, w.quantity FROM wanted w
                UNION ALL
                SELECT c.month::text, mp.offer_id, mp.quantity
                  FROM cycles c JOIN member_pledges mp ON mp.cycle_id = c.id AND mp.member_id = p_member
                 WHERE c.season_id = p_season AND NOT (c.id = ANY(v_cycles))) r
         ORDER BY r.month, r.offer_id;
      END
      `;

/** 1763800009400's body, which `down` puts back. */
const PREVIOUS_BODY = `
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
      `;

export class PledgesOfMembersWhoLeft1763800016000 implements MigrationInterface {
  name = 'PledgesOfMembersWhoLeft1763800016000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION put_member_pledges(uuid, uuid, text, uuid[], integer[], boolean, boolean, uuid, uuid)`,
    );
    await db.query(`
      CREATE FUNCTION put_member_pledges(
        p_season uuid, p_member uuid, p_month text, p_offer_ids uuid[], p_quantities integer[],
        p_write boolean, p_reach_all boolean, p_reach_group uuid, p_reach_member uuid)
      RETURNS TABLE (outcome text, month text, offer_id uuid, quantity integer,
                     season_exists boolean, consumer_group_id uuid, enrolled boolean, known_offers text[],
                     member_active boolean)
      LANGUAGE plpgsql VOLATILE AS $fn$${BODY}$fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION put_member_pledges(uuid, uuid, text, uuid[], integer[], boolean, boolean, uuid, uuid)`,
    );
    await db.query(`
      CREATE FUNCTION put_member_pledges(
        p_season uuid, p_member uuid, p_month text, p_offer_ids uuid[], p_quantities integer[],
        p_write boolean, p_reach_all boolean, p_reach_group uuid, p_reach_member uuid)
      RETURNS TABLE (outcome text, month text, offer_id uuid, quantity integer,
                     season_exists boolean, consumer_group_id uuid, enrolled boolean, known_offers text[])
      LANGUAGE plpgsql VOLATILE AS $fn$${PREVIOUS_BODY}$fn$`);
  }
}
