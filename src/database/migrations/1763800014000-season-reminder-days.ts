import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The season calendar's `reminderDays`: how many days before a month locks its members are
 * reminded (`cycle.closing`); 0 sends no reminder.
 */
export class SeasonReminderDays1763800014000 implements MigrationInterface {
  name = 'SeasonReminderDays1763800014000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE seasons
        ADD COLUMN reminder_days smallint NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 28);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE seasons DROP COLUMN reminder_days;`);
  }
}
