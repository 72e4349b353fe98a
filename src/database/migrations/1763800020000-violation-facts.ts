import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each violation keeps the plain values its English message is built from (the offer's product
 * and cooperative, the demand, the shares…), so that a client says it in its reader's language.
 * Rows written before hold '{}': a client shows their message.
 */
export class ViolationFacts1763800020000 implements MigrationInterface {
  name = 'ViolationFacts1763800020000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cycle_violations ADD COLUMN facts jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cycle_violations DROP COLUMN facts`);
  }
}
