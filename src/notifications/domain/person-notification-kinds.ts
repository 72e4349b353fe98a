/**
 * The notifications sent to people (members, coordinators, cooperatives' users), each one a
 * kind a user can switch off (`users.muted_notifications`, set through `PATCH /me`).
 */
export const PERSON_NOTIFICATION_KINDS = [
  'cycle.closing',
  'cycle.locked',
  'cycle.allocated',
  'cycle.dispatched',
  'cycle.receipt_due',
  'statement.ready',
] as const;

export type PersonNotificationKind = (typeof PERSON_NOTIFICATION_KINDS)[number];

export function isPersonNotificationKind(value: string): value is PersonNotificationKind {
  return (PERSON_NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * The kinds each role is sent (docs/NOTIFICATIONS.md): members are reminded, told what they were
 * allocated and billed; coordinators hear of the lock, the trucks and receipts overdue;
 * cooperatives' users get their statement. Transporters and admins get none of these.
 */
const KINDS_BY_ROLE: Record<string, readonly PersonNotificationKind[]> = {
  member: ['cycle.closing', 'cycle.allocated', 'statement.ready'],
  coordinator: ['cycle.locked', 'cycle.dispatched', 'cycle.receipt_due'],
  cooperative: ['statement.ready'],
};

export function kindsSentTo(role: string): readonly PersonNotificationKind[] {
  return KINDS_BY_ROLE[role] ?? [];
}

/** Which of `kinds` a user receives, given the kinds it switched off. */
export function receivedKinds<K extends PersonNotificationKind>(
  kinds: readonly K[],
  muted: readonly string[],
): Record<K, boolean> {
  return Object.fromEntries(kinds.map((kind) => [kind, !muted.includes(kind)])) as Record<K, boolean>;
}
