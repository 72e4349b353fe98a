import { sqlState } from '../../common/database/sql-state';
import type { PersonNotificationKind } from '../domain/person-notification-kinds';

/**
 * The cycle events whose messages to people follow a stage (the kinds of notification the
 * stages cause; the clock causes the others). A stage names them; the stage
 * runner records them in the stage's transaction (people_events); a job writes each one's
 * messages in a transaction of its own, once (PeopleNotificationsService.writeEvent).
 */
export const CYCLE_EVENT_KINDS = [
  'cycle.locked',
  'cycle.allocated',
  'cycle.dispatched',
  'statement.ready',
] as const satisfies readonly PersonNotificationKind[];
export type CycleEventKind = (typeof CYCLE_EVENT_KINDS)[number];

export function isCycleEventKind(kind: string): kind is CycleEventKind {
  return (CYCLE_EVENT_KINDS as readonly string[]).includes(kind);
}

/** BullMQ job ids may not contain ':'; one job id per event, so an event is queued once. */
export function peopleEventJobId(cycleId: string, kind: CycleEventKind): string {
  return `people-${cycleId}-${kind}`;
}

/** Why writing an event's messages failed, as people_events.last_error and GET /health keep it. */
export interface PeopleEventFailure {
  message: string;
  /** PostgreSQL's SQLSTATE, when the database refused */
  code?: string;
  at: string;
}

const FAILURE_MESSAGE_CHARS = 300;

/** The failure of an attempt at `at`: the error's message (cut short) and SQLSTATE if any. */
export function peopleEventFailure(error: unknown, at: Date): PeopleEventFailure {
  const code = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: message.slice(0, FAILURE_MESSAGE_CHARS),
    ...(code ? { code } : {}),
    at: at.toISOString(),
  };
}

/** The line a written event logs: how many messages and how long (read back by npm run bench). */
export interface EventWritten {
  cycleId: string;
  kind: CycleEventKind;
  messages: number;
  ms: number;
}

export function eventWrittenLine(e: EventWritten): string {
  return `cycle ${e.cycleId}: ${e.messages} ${e.kind} message(s) written in ${e.ms} ms`;
}

/** What a line written by eventWrittenLine says; null for any other line. */
export function readEventWritten(line: string): EventWritten | null {
  const parts = /^cycle (\S+): (\d+) (\S+) message\(s\) written in (\d+) ms$/.exec(line);
  if (!parts || !isCycleEventKind(parts[3])) return null;
  return { cycleId: parts[1], messages: +parts[2], kind: parts[3], ms: +parts[4] };
}
