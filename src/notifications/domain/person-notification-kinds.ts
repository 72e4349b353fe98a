/**
 * The notifications sent to people (members, coordinators, cooperatives), each of which a user
 * may switch off (`PATCH /me {notifications}`, stored as `users.muted_notifications`).
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
