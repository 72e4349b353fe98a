import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlState } from '../../common/database/sql-state';
import type { CycleStatus } from '../../seasons/domain/cycle-status';

/** A stage's failure that retries cannot cure, as a cycle's `lastError` shows it. */
export interface StageError {
  /** the stage, e.g. `lock`, `allocate` */
  stage: string;
  /** the status it moves the cycle on from */
  fromStatus: CycleStatus;
  message: string;
  /** PostgreSQL's SQLSTATE */
  code: string;
  at: string;
}

/**
 * SQLSTATE classes a retry cannot cure: the same rows give the same answer. 22 data exception
 * (integer out of range, division by zero, invalid text), 23 integrity constraint violation
 * (NOT NULL, CHECK, unique, foreign key), 42 syntax error or access rule violation (a bug).
 * Everything else (serialisation failures 40xxx, a connection lost 08xxx, a server shutting
 * down 57Pxx, resources 53xxx) is left to the job's retries.
 */
const INCURABLE_CLASSES = ['22', '23', '42'];

/** The SQLSTATE of a failure retries cannot cure, or undefined. */
export function incurableCode(error: unknown): string | undefined {
  const code = sqlState(error);
  return code && INCURABLE_CLASSES.includes(code.slice(0, 2)) ? code : undefined;
}

/** `LockStage` → `lock`, `ConfirmationRequestsStage` → `confirmation-requests`. */
export function stageName(stage: object): string {
  return stage.constructor.name
    .replace(/Stage$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** Cycles' `last_error`: written when a stage fails for good, cleared when one moves the cycle. */
@Injectable()
export class StageErrorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Recorded only while the cycle still stands at the stage's status. */
  async record(cycleId: string, error: StageError): Promise<void> {
    await this.dataSource.query(`UPDATE cycles SET last_error = $2::jsonb WHERE id = $1 AND status = $3`, [
      cycleId,
      JSON.stringify(error),
      error.fromStatus,
    ]);
  }

  async clear(cycleId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE cycles SET last_error = NULL WHERE id = $1 AND last_error IS NOT NULL`,
      [cycleId],
    );
  }
}
