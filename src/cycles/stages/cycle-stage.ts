import type { EntityManager } from 'typeorm';
import type { CycleEventKind } from '../../notifications/people/people-events';
import type { CycleStatus } from '../../seasons/domain/cycle-status';

export type StageOutcome = 'moved' | 'nothing-to-do';

/** What a stage that moved the cycle leaves for after the commit. */
export interface StageMoved {
  /** Notifications the stage put in the outbox in its transaction: sent once it has committed. */
  notificationIds?: string[];
  /**
   * The events whose messages to people follow the stage: recorded in its transaction, their
   * messages written after it, once, by a job of their own (PeopleNotificationsService.writeEvent).
   */
  events?: CycleEventKind[];
}

/**
 * One stage of the monthly cycle: what moves a cycle on from the status `from`.
 *
 * The stage runner opens one transaction and calls `run` in it. `run` starts by moving the status
 * it expects (`UPDATE cycles SET status = <next> WHERE id = $1 AND status = <from>`) and returns
 * null when that moved nothing: the job ran before, or runs on another worker now, and the stage
 * writes nothing. The runner records the stage's `events` in the same transaction. After the
 * commit, when `followedAtOnce`, it queues the next stage, then the events' messages and the
 * mails and webhooks the stage wrote (`notificationIds`).
 */
export interface CycleStage {
  readonly from: CycleStatus;
  /** True: the next stage is queued as soon as this one commits; false: it waits for its time (the clock) or for people. */
  readonly followedAtOnce: boolean;
  run(m: EntityManager, cycleId: string): Promise<StageMoved | null>;
}

/** The stages, by the status each moves on from (`stageRegistry`); provided where they are listed (src/features.ts). */
export const CYCLE_STAGES = Symbol('CYCLE_STAGES');
export type CycleStages = ReadonlyMap<CycleStatus, CycleStage>;

export function stageRegistry(stages: readonly CycleStage[]): CycleStages {
  const registry = new Map<CycleStatus, CycleStage>();
  for (const stage of stages) {
    if (registry.has(stage.from)) throw new Error(`two cycle stages run from ${stage.from}`);
    registry.set(stage.from, stage);
  }
  return registry;
}
