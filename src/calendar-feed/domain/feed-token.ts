import { createHash, createHmac } from 'node:crypto';

/**
 * A calendar feed token is the HMAC of the user id and a nonce under a server key: the server
 * can show it again (GET /me) without storing it, and the database holds only its SHA-256.
 * Rotating the nonce revokes the old URL.
 */
export function feedKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('proxima calendar feed token').digest();
}

export function feedToken(key: Buffer, userId: string, nonce: string): string {
  return createHmac('sha256', key).update(`${userId}.${nonce}`).digest('base64url');
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What a feed token looks like (43 base64url characters); anything else is not looked up. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
