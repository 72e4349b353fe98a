/**
 * The one cookie this API reads and writes, by hand: its value is a JWT (base64url and dots),
 * which needs no encoding. (@fastify/cookie and `cookie` are ES modules loaded in ways the
 * test runner cannot follow; the format is small enough to own.)
 */

/** The value of cookie `name` in a Cookie header (RFC 6265 §5.4: `a=1; b=2`), or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    let value = pair.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value || undefined;
  }
  return undefined;
}

export interface SetCookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
}

const VALUE = /^[A-Za-z0-9._~-]*$/;

/** A Set-Cookie header value: httpOnly, SameSite=Strict, Path=/; Max-Age 0 (and a past Expires) clears it. */
export function setCookieHeader(name: string, value: string, options: SetCookieOptions): string {
  if (!VALUE.test(value)) throw new Error('cookie value must be a token (base64url and dots)');
  const parts = [`${name}=${value}`, `Max-Age=${options.maxAgeSeconds}`];
  if (options.maxAgeSeconds === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  parts.push('Path=/', 'HttpOnly', 'SameSite=Strict');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
