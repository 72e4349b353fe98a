import { createHmac, timingSafeEqual } from 'node:crypto';
import { PERSON_NOTIFICATION_KINDS, type PersonNotificationKind } from './person-notification-kinds';

/**
 * A one-click unsubscribe token (RFC 8058): who (a member without a login, or a user) stops
 * receiving which kind, signed with a server key so that nobody can forge one for somebody
 * else. It needs no storage and stays valid: unsubscribing twice changes nothing.
 */
export interface Unsubscription {
  type: 'member' | 'user';
  id: string;
  kind: PersonNotificationKind;
}

export function unsubscribeKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('proxima one-click unsubscribe').digest();
}

const TYPES = ['member', 'user'] as const;

function signature(key: Buffer, subject: Buffer): Buffer {
  return createHmac('sha256', key).update(subject).digest().subarray(0, 18);
}

/** type, the 16 bytes of the id, the kind's index: 18 bytes, so the URL stays short. */
function subjectOf(who: Unsubscription): Buffer {
  return Buffer.concat([
    Buffer.from([TYPES.indexOf(who.type)]),
    Buffer.from(who.id.replace(/-/g, ''), 'hex'),
    Buffer.from([PERSON_NOTIFICATION_KINDS.indexOf(who.kind)]),
  ]);
}

export function unsubscribeToken(key: Buffer, who: Unsubscription): string {
  const subject = subjectOf(who);
  return `${subject.toString('base64url')}.${signature(key, subject).toString('base64url')}`;
}

/** The unsubscription a token stands for, or null when it is malformed or not signed by us. */
export function readUnsubscribeToken(key: Buffer, token: string): Unsubscription | null {
  const [encoded, signed, extra] = token.split('.');
  if (!encoded || !signed || extra !== undefined) return null;
  const subject = Buffer.from(encoded, 'base64url');
  const given = Buffer.from(signed, 'base64url');
  const expected = signature(key, subject);
  if (subject.length !== 18 || given.length !== expected.length || !timingSafeEqual(given, expected))
    return null;
  const type = TYPES[subject[0]];
  const kind = PERSON_NOTIFICATION_KINDS[subject[17]];
  if (!type || !kind) return null;
  const hex = subject.subarray(1, 17).toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { type, id, kind };
}
