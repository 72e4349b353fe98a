import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Password resets: only the SHA-256 of the e-mailed token is kept; valid 1 hour and once. */
export class PasswordResets1763800013300 implements MigrationInterface {
  name = 'PasswordResets1763800013300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX password_resets_user ON password_resets (user_id) WHERE used_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE password_resets;`);
  }
}
