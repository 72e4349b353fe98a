import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StageError } from '../cycles/stages/stage-errors';
import type { PeopleEventFailure } from '../notifications/people/people-events';

/** A cycle whose next stage is due and has not run. */
export interface StalledCycle {
  cycleId: string;
  status: string;
  /** when its next stage became due */
  dueSince: string;
}

/** A cycle whose stage failed for a reason retries cannot cure. */
export interface FailedStage {
  cycleId: string;
  status: string;
  lastError: StageError;
}

/** A cycle event whose messages to people are still not written after the stage that caused it. */
export interface LateEvent {
  cycleId: string;
  kind: string;
  /** when the stage recorded it */
  recordedAt: string;
  /** attempts at writing it that failed */
  failures: number;
  lastError: PeopleEventFailure | null;
}

@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Cycles whose next stage has been due for longer than `olderThanMs`: the clock's due stages
   * (CyclesRepository.dueStages), each with the time it became due — an open cycle at its lock
   * time; a confirming one at its confirm-by time, or its last confirmation when all are in; a
   * locked, allocated or received one when it reached that status (updated_at).
   */
  async stalledCycles(olderThanMs: number, limit = 20): Promise<StalledCycle[]> {
    const rows: { cycleId: string; status: string; dueSince: Date }[] = await this.dataSource.query(
      `SELECT c.id AS "cycleId", c.status, due.since AS "dueSince"
         FROM cycles c
         CROSS JOIN LATERAL (
           SELECT CASE
             WHEN c.status = 'open' THEN c.locks_at
             WHEN c.status IN ('locked', 'allocated', 'received') THEN c.updated_at
             WHEN c.status = 'confirming' THEN LEAST(
               c.confirm_by,
               (SELECT CASE WHEN count(*) FILTER (WHERE cc.confirmed_at IS NULL) = 0
                            THEN GREATEST(max(cc.confirmed_at), c.updated_at) END
                  FROM cooperative_confirmations cc WHERE cc.cycle_id = c.id))
           END AS since
         ) due
        WHERE c.status IN ('open', 'locked', 'confirming', 'allocated', 'received')
          AND due.since <= now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY due.since
        LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((row) => ({ ...row, dueSince: new Date(row.dueSince).toISOString() }));
  }

  /** Cycles standing at a stage that failed for good (cycles.last_error), newest failure first. */
  failedStages(limit = 20): Promise<FailedStage[]> {
    return this.dataSource.query(
      `SELECT id AS "cycleId", status, last_error AS "lastError"
         FROM cycles
        WHERE last_error IS NOT NULL AND last_error->>'fromStatus' = status
        ORDER BY last_error->>'at' DESC
        LIMIT $1`,
      [limit],
    );
  }

  /**
   * Events recorded more than `olderThanMs` ago whose messages are not written (people_events):
   * their job and the clock's sweep keep failing, or no worker runs. Oldest first.
   */
  async lateEvents(olderThanMs: number, limit = 20): Promise<LateEvent[]> {
    const rows: (Omit<LateEvent, 'recordedAt'> & { recordedAt: Date })[] = await this.dataSource.query(
      `SELECT cycle_id AS "cycleId", kind, created_at AS "recordedAt", failures, last_error AS "lastError"
         FROM people_events
        WHERE created_at <= now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY created_at, cycle_id, kind
        LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((row) => ({ ...row, recordedAt: new Date(row.recordedAt).toISOString() }));
  }
}
