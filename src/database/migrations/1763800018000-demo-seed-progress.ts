import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The demo seed's progress: the ids its first transaction inserted, and when its months had
 * been played by the real stages. A start stopped half-way through the months (SIGTERM, a
 * crash) leaves `played_at` empty, and the next start plays what is left instead of leaving
 * the demo half-done.
 */
export class DemoSeedProgress1763800018000 implements MigrationInterface {
  name = 'DemoSeedProgress1763800018000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE demo_seed (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        plan jsonb NOT NULL,
        seeded_at timestamptz NOT NULL DEFAULT now(),
        played_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE demo_seed`);
  }
}
