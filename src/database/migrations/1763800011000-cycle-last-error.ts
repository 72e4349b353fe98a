import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cycle's `last_error`: the stage that failed for a reason retries cannot cure (a constraint,
 * a value out of range), with its message, SQLSTATE and time, as GET /cycles/:id and /health
 * report it. The clock does not queue that stage again while it is set; POST …/advance does,
 * and a stage that then succeeds clears it.
 */
export class CycleLastError1763800011000 implements MigrationInterface {
  name = 'CycleLastError1763800011000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cycles ADD COLUMN last_error jsonb;
      CREATE INDEX cycles_with_error ON cycles (id) WHERE last_error IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cycles_with_error; ALTER TABLE cycles DROP COLUMN last_error;`);
  }
}
