import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member who leaves its group stays (its pledges, allocations and statements of past months
 * refer to it) but is marked inactive, with the time it left.
 */
export class MembersWhoLeave1763800013400 implements MigrationInterface {
  name = 'MembersWhoLeave1763800013400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE members
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN left_at timestamptz;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE members DROP COLUMN left_at, DROP COLUMN active;`);
  }
}
