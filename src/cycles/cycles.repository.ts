import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ViolationFacts } from '../charter/domain/violation-facts';
import type { Actor } from '../common/auth/actor';
import { withIntegers } from '../common/database/integers';
import type { CycleStatus } from '../seasons/domain/cycle-status';
import type { StageError } from './stages/stage-errors';

export interface CycleRow {
  id: string;
  seasonId: string;
  month: string;
  status: CycleStatus;
  locksAt: Date;
  confirmBy: Date;
  loadingDate: string;
  charterVersion: number | null;
  /** the consumer territory's IANA time zone, the calendar's */
  timeZone: string;
  /** the stage that failed for a reason retries cannot cure, while the cycle stands there */
  lastError: StageError | null;
}

export interface ViolationView {
  id: string;
  rule: string;
  severity: string;
  subjectType: string;
  subject: string;
  message: string;
  effect: string;
  capUnits: number | null;
  /** The values the message is built from, by rule; {} on a row written before they were kept. */
  facts: ViolationFacts | Record<string, never>;
  waived: boolean;
  waivedAt: Date | null;
  waiveReason: string | null;
}

export interface DueStage {
  cycleId: string;
  status: CycleStatus;
}

const CYCLE_COLUMNS = `c.id, c.season_id AS "seasonId", c.month, c.status, c.locks_at AS "locksAt",
  c.confirm_by AS "confirmBy", to_char(c.loading_date, 'YYYY-MM-DD') AS "loadingDate", c.charter_version AS "charterVersion",
  c.last_error AS "lastError",
  (SELECT t.timezone FROM seasons s JOIN territories t ON t.id = s.consumer_territory_id WHERE s.id = c.season_id)
    AS "timeZone"`;

@Injectable()
export class CyclesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(cycleId: string, m: EntityManager = this.dataSource.manager): Promise<CycleRow | null> {
    const [row] = await m.query(`SELECT ${CYCLE_COLUMNS} FROM cycles c WHERE c.id = $1`, [cycleId]);
    return row ?? null;
  }

  /**
   * Violations shown to this actor: all to an admin; to a cooperative those about itself or
   * its offers; to a coordinator or member those about offers and about its own group.
   */
  async violations(cycleId: string, actor: Actor): Promise<ViolationView[]> {
    const rows: ViolationView[] = await this.dataSource.query(
      `SELECT v.id, v.rule, v.severity, v.subject_type AS "subjectType", v.subject_id AS subject, v.message,
              v.effect, v.cap_units AS "capUnits", v.facts, v.waived, v.waived_at AS "waivedAt", v.waive_reason AS "waiveReason"
         FROM cycle_violations v
        WHERE v.cycle_id = $1 AND (
          $2::text = 'admin'
          OR ($2 = 'cooperative' AND (
               (v.subject_type = 'cooperative' AND v.subject_id = $4::text)
            OR (v.subject_type = 'offer' AND v.subject_id IN (SELECT id::text FROM offers WHERE cooperative_id = $4::uuid))))
          OR ($2 IN ('coordinator', 'member') AND (
               v.subject_type IN ('offer', 'cooperative')
            OR (v.subject_type = 'group_offer' AND split_part(v.subject_id, ':', 1) = $3::text)))
        )
        ORDER BY v.rule, v.subject_id`,
      [cycleId, actor.role, actor.consumerGroupId ?? '', actor.cooperativeId ?? ''],
    );
    return withIntegers(rows, ['capUnits']);
  }

  /** Cycles whose next stage is due: the clock enqueues one job for each (not one whose stage failed for good). */
  dueStages(limit = 500): Promise<DueStage[]> {
    return this.dataSource.query(
      `SELECT c.id AS "cycleId", c.status
         FROM cycles c
        WHERE ((c.status = 'open' AND c.locks_at <= now())
           OR c.status IN ('locked', 'allocated', 'received')
           OR (c.status = 'confirming' AND (
                c.confirm_by <= now()
                OR NOT EXISTS (SELECT 1 FROM cooperative_confirmations cc WHERE cc.cycle_id = c.id AND cc.confirmed_at IS NULL))))
          -- a stage that failed for good waits for someone to run it again (POST …/advance)
          AND (c.last_error IS NULL OR c.last_error->>'fromStatus' <> c.status)
        ORDER BY c.locks_at
        LIMIT $1`,
      [limit],
    );
  }

  async allConfirmed(cycleId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT NOT EXISTS (SELECT 1 FROM cooperative_confirmations WHERE cycle_id = $1 AND confirmed_at IS NULL) AS done`,
      [cycleId],
    );
    return row.done;
  }

  /** Marks a blocking violation waived; null when there is no such violation in the cycle. */
  async waive(
    m: EntityManager,
    cycleId: string,
    violationId: string,
    userId: string,
    reason: string,
  ): Promise<{ waived: boolean; severity: string } | null> {
    const [row] = await m.query(
      `SELECT waived, severity FROM cycle_violations WHERE id = $1 AND cycle_id = $2 FOR UPDATE`,
      [violationId, cycleId],
    );
    if (!row || row.waived) return row ?? null;
    await m.query(
      `UPDATE cycle_violations SET waived = true, waived_by = $2, waived_at = now(), waive_reason = $3 WHERE id = $1`,
      [violationId, userId, reason],
    );
    return { waived: false, severity: row.severity };
  }
}
