import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions: every token names a session row, checked on every request, so that
 * logout, a password change, deactivating a user or changing its role ends its access at
 * once, in every API replica. `users.active` lets an admin switch a login off without
 * deleting the user (its history keeps pointing at it).
 */
export class Sessions1763800013100 implements MigrationInterface {
  name = 'Sessions1763800013100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent varchar(300)
      );
      CREATE INDEX sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;
      CREATE INDEX sessions_expires ON sessions (expires_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sessions; ALTER TABLE users DROP COLUMN active;`);
  }
}
