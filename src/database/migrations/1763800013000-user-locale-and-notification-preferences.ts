import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's language (its e-mails and the web app) and the notification kinds it has
 * switched off. Both read by the notifications fan-out and written by `PATCH /me`.
 */
export class UserLocaleAndNotificationPreferences1763800013000 implements MigrationInterface {
  name = 'UserLocaleAndNotificationPreferences1763800013000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN locale varchar(2) CHECK (locale IN ('en', 'fr', 'ar', 'nl')),
        ADD COLUMN muted_notifications text[] NOT NULL DEFAULT '{}';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN muted_notifications, DROP COLUMN locale;`);
  }
}
