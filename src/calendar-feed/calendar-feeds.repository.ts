import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '../common/auth/actor';
import { SEASON_REACHED_SQL, seasonReach } from '../seasons/season-reach';
import type { FeedCycle } from './domain/feed-events';

export interface FeedOwner {
  actor: Actor;
  locale: string | null;
  /** the country of the user's group or cooperative, for its default language */
  countryCode: string | null;
}

@Injectable()
export class CalendarFeedsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user's nonce, creating the feed with `nonce` and `tokenHash` when it has none yet. */
  async ensure(userId: string, nonce: string, tokenHash: string): Promise<string> {
    const [row] = await this.dataSource.query(
      `WITH created AS (
         INSERT INTO calendar_feeds (user_id, nonce, token_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO NOTHING
         RETURNING nonce)
       SELECT nonce FROM created
       UNION ALL SELECT nonce FROM calendar_feeds WHERE user_id = $1
       LIMIT 1`,
      [userId, nonce, tokenHash],
    );
    return row.nonce;
  }

  /** Replaces the user's feed token (the old URL stops working at once). */
  async rotate(userId: string, nonce: string, tokenHash: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO calendar_feeds (user_id, nonce, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET nonce = excluded.nonce, token_hash = excluded.token_hash, rotated_at = now()`,
      [userId, nonce, tokenHash],
    );
  }

  /** The user a feed token belongs to, or null. */
  async userOf(tokenHash: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT user_id FROM calendar_feeds WHERE token_hash = $1`, [
      tokenHash,
    ]);
    return row?.user_id ?? null;
  }

  /** The user behind a feed, as an actor, with what decides the feed's language. */
  async owner(userId: string): Promise<FeedOwner | null> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.role, u.consumer_group_id, u.member_id, u.cooperative_id, u.transport_organiser_id, u.locale,
              coalesce((SELECT t.country_code FROM consumer_groups g JOIN territories t ON t.id = g.territory_id
                         WHERE g.id = u.consumer_group_id),
                       (SELECT t.country_code FROM cooperatives c JOIN territories t ON t.id = c.territory_id
                         WHERE c.id = u.cooperative_id)) AS country_code
       FROM users u WHERE u.id = $1 AND u.active`,
      [userId],
    );
    if (!row) return null;
    return {
      actor: {
        userId: row.id,
        role: row.role as Role,
        consumerGroupId: row.consumer_group_id,
        memberId: row.member_id,
        cooperativeId: row.cooperative_id,
        transportOrganiserId: row.transport_organiser_id,
      },
      locale: row.locale,
      countryCode: row.country_code,
    };
  }

  /** Every cycle of the seasons the actor takes part in. */
  cycles(actor: Actor): Promise<FeedCycle[]> {
    return this.dataSource.query(
      `SELECT c.id AS "cycleId", s.name AS "seasonName", c.month, c.locks_at AS "locksAt", c.confirm_by AS "confirmBy",
              to_char(c.loading_date, 'YYYY-MM-DD') AS "loadingDate", pp.name AS "pickupPoint"
       FROM seasons s
       JOIN pickup_points pp ON pp.id = s.pickup_point_id
       JOIN cycles c ON c.season_id = s.id
       WHERE ${SEASON_REACHED_SQL}
       ORDER BY c.locks_at, s.id, c.month`,
      seasonReach(actor),
    );
  }
}
