import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * put_member_pledges: a member pledge PUT as one round trip to PostgreSQL instead of two (the
 * checks' facts, then replace_member_pledges). Under load each round trip costs the API a
 * socket write, a wake-up of a backend and a statement of its own (docs/PERFORMANCE.md).
 *
 * It reads the facts the checks need in one statement, exactly as the separate query did
 * (before any lock): whether the season exists, the member's group (null: no such member),
 * whether that group is enrolled, and which of the offers given are the season's. Then it
 * writes through replace_member_pledges, unchanged, only when the caller asks for the write
 * (p_write: the lines name no offer twice) and everything holds: the season, the member within
 * the caller's reach (reachOf in common/auth/ownership.ts: p_reach_all, or the member's group
 * equal to p_reach_group, or the member itself equal to p_reach_member; NULL matches nothing),
 * the group enrolled, every offer the season's. Otherwise it writes nothing and answers one
 * 'refused' row with the facts, from which the API decides which 4xx to give, in its order.
 */
export class PledgePutOneCall1763800009300 implements MigrationInterface {
  name = 'PledgePutOneCall1763800009300';

  async up(db: QueryRunner): Promise<void> {
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
      BEGIN
        SELECT EXISTS (SELECT 1 FROM seasons s WHERE s.id = p_season),
               m.consumer_group_id,
               EXISTS (SELECT 1 FROM season_groups g
                        WHERE g.season_id = p_season AND g.consumer_group_id = m.consumer_group_id),
               ARRAY(SELECT o.id FROM offers o WHERE o.season_id = p_season AND o.id = ANY(p_offer_ids))::text[]
          INTO v_season_exists, v_group, v_enrolled, v_known
          FROM (SELECT 1) one LEFT JOIN members m ON m.id = p_member;
        -- IS NOT TRUE: a comparison with a NULL refuses, it never lets through.
        IF (p_write AND v_season_exists AND v_group IS NOT NULL AND v_enrolled
            AND (p_reach_all OR v_group = p_reach_group OR p_member = p_reach_member)
            AND cardinality(v_known) = cardinality(p_offer_ids)) IS NOT TRUE THEN
          RETURN QUERY SELECT 'refused'::text, NULL::text, NULL::uuid, NULL::integer,
                              v_season_exists, v_group, v_enrolled, v_known;
          RETURN;
        END IF;
        RETURN QUERY
        SELECT r.outcome, r.month, r.offer_id, r.quantity, NULL::boolean, NULL::uuid, NULL::boolean, NULL::text[]
          FROM replace_member_pledges(p_member, p_season, p_month, p_offer_ids, p_quantities) r;
      END
      $fn$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION put_member_pledges(uuid, uuid, text, uuid[], integer[], boolean, boolean, uuid, uuid)`,
    );
  }
}
