import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications to people: the kinds a member without a login has unsubscribed from (a user's
 * own choice is users.muted_notifications), and the indexes the fan-outs join users through
 * (a member's login, a group's coordinators, a cooperative's users).
 */
export class PeopleNotifications1763800014200 implements MigrationInterface {
  name = 'PeopleNotifications1763800014200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE members ADD COLUMN muted_notifications text[] NOT NULL DEFAULT '{}';
      CREATE INDEX users_member ON users (member_id) WHERE member_id IS NOT NULL;
      CREATE INDEX users_group_coordinators ON users (consumer_group_id) WHERE role = 'coordinator';
      CREATE INDEX users_cooperative ON users (cooperative_id) WHERE cooperative_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX users_cooperative;
      DROP INDEX users_group_coordinators;
      DROP INDEX users_member;
      ALTER TABLE members DROP COLUMN muted_notifications;
    `);
  }
}
