import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
}
