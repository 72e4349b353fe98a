import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of a token as sent in a link: what is stored and looked up, never the token itself. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A new single-use token (32 random bytes, base64url) and its hash. */
export function newSecretToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
