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
