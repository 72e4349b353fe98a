export const CYCLE_STATUSES = [
  'open',
  'locked',
  'confirming',
  'allocated',
  'dispatched',
  'received',
  'settled',
] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** The status a stage moves a cycle to; statuses only ever move forward. */
export function nextStatus(status: CycleStatus): CycleStatus | null {
  const index = CYCLE_STATUSES.indexOf(status);
  return index >= 0 && index < CYCLE_STATUSES.length - 1 ? CYCLE_STATUSES[index + 1] : null;
}

/** Whether a cycle in `status` has reached `stage` (statuses only move forward). */
export function hasReached(status: CycleStatus, stage: CycleStatus): boolean {
  return CYCLE_STATUSES.indexOf(status) >= CYCLE_STATUSES.indexOf(stage);
}

export function isCycleStatus(value: string): value is CycleStatus {
  return (CYCLE_STATUSES as readonly string[]).includes(value);
}
