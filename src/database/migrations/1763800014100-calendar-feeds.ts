import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's calendar feed: the feed URL's token is derived from the user id and `nonce` with
 * a server key (so `GET /me` can show it again), and only its SHA-256 is stored, which is what
 * `GET /calendar/:feedToken.ics` looks up. Rotating the token is a new nonce.
 */
export class CalendarFeeds1763800014100 implements MigrationInterface {
  name = 'CalendarFeeds1763800014100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE calendar_feeds (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        nonce uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE calendar_feeds;`);
  }
}
