import type { Role } from '../../common/auth/actor';

/** What a user has to do next in a season. */
export const NEXT_ACTIONS = [
  'pledge',
  'review_pledges',
  'record_receipt',
  'confirm',
  'load',
  'plan_deliveries',
  'carry',
  'prepare_transport',
  'run_stage',
] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

import { RECEIPT_DUE_DAYS } from '../../seasons/domain/calendar';

export { RECEIPT_DUE_DAYS };

/** One cycle of a season, with what concerns the asking user's own organisation in it. */
export interface CycleFacts {
  cycleId: string;
  month: string;
  status: string;
  locksAt: Date;
  confirmBy: Date;
  /** the loading date, a day in the producer territory (`2027-03-01`) */
  loadingDate: string;
  /** the start of the loading date in the producer territory's time zone */
  loadingAt: Date;
  /** the cooperative was asked to confirm and has not yet */
  awaitingConfirmation: boolean;
  /** the cooperative has goods on the loading list */
  loads: boolean;
  /** the transport organiser has shipments in the cycle */
  carries: boolean;
  /** goods were shipped to the coordinator's group and it has not reported what arrived */
  receiptPending: boolean;
}

export interface NextStep {
  cycleId: string;
  month: string;
  status: string;
  action: NextAction;
  deadline: Date;
  /** the cycle's loading date: the day that load, carry and prepare_transport are due */
  loadingDate: string;
}

const DAY = 24 * 3600 * 1000;

/** When receipts are due: RECEIPT_DUE_DAYS after the start of the loading date. */
export function receiptDueAt(cycle: Pick<CycleFacts, 'loadingAt'>): Date {
  return new Date(cycle.loadingAt.getTime() + RECEIPT_DUE_DAYS * DAY);
}

type Candidate = NextStep & { urgent: boolean };

function step(cycle: CycleFacts, action: NextAction, deadline: Date, urgent: boolean): Candidate {
  const { cycleId, month, status, loadingDate } = cycle;
  return { cycleId, month, status, action, deadline, loadingDate, urgent };
}

/** The admin's next stage of a cycle and when it is due. */
function stageDeadline(cycle: CycleFacts): Date {
  switch (cycle.status) {
    case 'open':
    case 'locked':
      return cycle.locksAt;
    case 'confirming':
      return cycle.confirmBy;
    case 'allocated':
      return cycle.loadingAt;
    default:
      return receiptDueAt(cycle);
  }
}

function candidates(role: Role, cycle: CycleFacts): Candidate[] {
  const open = cycle.status === 'open';
  switch (role) {
    case 'member':
      return open ? [step(cycle, 'pledge', cycle.locksAt, false)] : [];
    case 'coordinator':
      if (cycle.status === 'dispatched' && cycle.receiptPending)
        return [step(cycle, 'record_receipt', receiptDueAt(cycle), true)];
      return open ? [step(cycle, 'review_pledges', cycle.locksAt, false)] : [];
    case 'cooperative':
      if (cycle.status === 'confirming' && cycle.awaitingConfirmation)
        return [step(cycle, 'confirm', cycle.confirmBy, true)];
      if (cycle.status === 'allocated' && cycle.loads) return [step(cycle, 'load', cycle.loadingAt, true)];
      return open ? [step(cycle, 'plan_deliveries', cycle.locksAt, false)] : [];
    case 'transporter':
      if (cycle.status === 'dispatched' && cycle.carries)
        return [step(cycle, 'carry', cycle.loadingAt, true)];
      return ['open', 'locked', 'confirming', 'allocated'].includes(cycle.status)
        ? [step(cycle, 'prepare_transport', cycle.loadingAt, false)]
        : [];
    case 'admin':
      return cycle.status === 'settled' ? [] : [step(cycle, 'run_stage', stageDeadline(cycle), false)];
  }
}

/**
 * The one thing a user of `role` should do next in a season, or null when nothing is left:
 * something only it can unblock (confirm a demand, load, carry, record a receipt) comes before
 * routine work (pledging for an open month), and within each, the earliest deadline first
 * (then the earliest month).
 * - member: pledge on the earliest open month, until its `locksAt`;
 * - coordinator: record what arrived for a dispatched cycle that shipped to its group
 *   (due RECEIPT_DUE_DAYS after loading), else review the group's pledges of the earliest open month;
 * - cooperative: confirm the demand of a confirming cycle (until `confirmBy`), bring the goods
 *   of an allocated cycle to the pickup point (the loading date), else plan deliveries for the
 *   earliest open month (until `locksAt`);
 * - transporter: carry a dispatched cycle's shipments (the loading date), else prepare for the
 *   next cycle not yet dispatched (its loading date);
 * - admin: the next stage of the earliest cycle not yet settled, when it is due.
 */
export function nextStep(role: Role, cycles: CycleFacts[]): NextStep | null {
  const all = cycles.flatMap((cycle) => candidates(role, cycle));
  const pool = all.some((c) => c.urgent) ? all.filter((c) => c.urgent) : all;
  const [first] = pool.sort(
    (a, b) => a.deadline.getTime() - b.deadline.getTime() || a.month.localeCompare(b.month),
  );
  if (!first) return null;
  const { urgent: _urgent, ...next } = first;
  return next;
}
