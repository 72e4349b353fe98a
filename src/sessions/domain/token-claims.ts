/**
 * What a token carries: the user and the server-side session it belongs to. Role and
 * organisation are not in it: they are read from the database with the session on every
 * request, so a change to them applies at once.
 */
export interface TokenClaims {
  sub: string;
  sid: string;
  exp?: number;
}

/** The claims of a token this application issues, or null when a signed token lacks one. */
export function tokenClaims(payload: Record<string, unknown>): TokenClaims | null {
  const { sub, sid, exp } = payload;
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') return null;
  return { sub, sid, exp };
}
