import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people's messages of a cycle event still to write. A stage records its events here in its
 * own transaction; a job on the notifications queue writes each event's messages in a
 * transaction of its own and deletes the row in it, so an event is written once, after the
 * stage, and the clock's sweep finds any whose job was lost. docs/NOTIFICATIONS.md.
 */
export class PeopleEvents1763800021000 implements MigrationInterface {
  name = 'PeopleEvents1763800021000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE people_events (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, kind)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE people_events`);
  }
}
