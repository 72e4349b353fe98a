import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the messages of one event have in common, stored once: `cycle.allocated` writes the
 * cycle's offers with their facts (product, unit, cooperative, exclusion, export cap,
 * confirmation) here, and each member's message holds only its own lines ([the offer's place,
 * pledged, allocated]). docs/PERFORMANCE.md, decision 17.
 *
 * Dedupe keys are identifiers compared byte by byte: under the "C" collation their unique
 * index is cheaper to fill than under the database's language collation.
 */
export class NotificationSharedFacts1763800019000 implements MigrationInterface {
  name = 'NotificationSharedFacts1763800019000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification_facts (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        facts jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, kind)
      );
      ALTER TABLE notifications ALTER COLUMN dedupe_key TYPE varchar(200) COLLATE "C";
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE notifications ALTER COLUMN dedupe_key TYPE varchar(200) COLLATE "default";
      DROP TABLE notification_facts;
    `);
  }
}
