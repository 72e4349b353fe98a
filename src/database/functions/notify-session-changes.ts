/**
 * notify_session_changes as the database holds it now (migration 1763800017000): the trigger
 * function on users and sessions that tells every API process which users' sessions to forget
 * (src/sessions/session-changes.listener.ts). test/database/functions.e2e-spec.ts checks that the
 * migrated database holds exactly this body.
 */
export const notifySessionChanges = {
  name: 'notify_session_changes',
  /** The argument list, as pg_get_function_arguments prints it. */
  arguments: '',
  language: 'plpgsql',
  /** Between the dollar quotes: pg_proc.prosrc. */
  body: `
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
      END `,
};
