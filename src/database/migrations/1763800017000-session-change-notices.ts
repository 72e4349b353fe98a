import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a session or to a user sends a notice on the channel `session_changes`,
 * naming the users it touched ('*' when there are too many for one notice, or on TRUNCATE).
 * Each API process keeps the live sessions it has looked up in memory (src/sessions) and
 * forgets a user's the moment a notice names it. Sent by triggers, so no path is missed (the
 * services, a cascade, an operator's SQL), and delivered by PostgreSQL only when the change
 * commits, so a process never re-reads the row as it was before.
 */
export class SessionChangeNotices1763800017000 implements MigrationInterface {
  name = 'SessionChangeNotices1763800017000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_session_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        touched text[];
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('session_changes', '*');
          RETURN NULL;
        END IF;
        IF TG_TABLE_NAME = 'users' THEN
          SELECT array_agg(DISTINCT id::text) INTO touched FROM changed_rows;
        ELSE
          SELECT array_agg(DISTINCT user_id::text) INTO touched FROM changed_rows;
        END IF;
        IF touched IS NOT NULL THEN
          -- A notice's payload holds at most 8,000 bytes: 200 ids of 37 fit.
          PERFORM pg_notify('session_changes',
            CASE WHEN cardinality(touched) > 200 THEN '*' ELSE array_to_string(touched, ',') END);
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER users_changed AFTER UPDATE ON users
        REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes();
      CREATE TRIGGER users_deleted AFTER DELETE ON users
        REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes();
      CREATE TRIGGER users_truncated AFTER TRUNCATE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes();
      CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions
        REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes();
      CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions
        REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes();
      CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions
        FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER users_changed ON users; DROP TRIGGER users_deleted ON users;
      DROP TRIGGER users_truncated ON users; DROP TRIGGER sessions_changed ON sessions;
      DROP TRIGGER sessions_deleted ON sessions; DROP TRIGGER sessions_truncated ON sessions;
      DROP FUNCTION notify_session_changes();
    `);
  }
}
