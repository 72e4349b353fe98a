import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cycle event whose messages could not be written keeps its row in people_events: how many
 * times writing it failed, and the last cause, so that GET /health can name it instead of the
 * clock retrying it in silence every tick. docs/NOTIFICATIONS.md.
 */
export class PeopleEventFailures1763800022000 implements MigrationInterface {
  name = 'PeopleEventFailures1763800022000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE people_events
        ADD COLUMN failures integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error jsonb
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people_events DROP COLUMN last_error, DROP COLUMN failures`);
  }
}
