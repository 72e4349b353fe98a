import { cookieValue, setCookieHeader } from './cookie-header';

describe('cookieValue', () => {
  it.each([
    ['proxima_session=a.b.c', 'a.b.c'],
    ['theme=dark; proxima_session=a.b.c; lang=fr', 'a.b.c'],
    ['theme=dark;proxima_session="a.b.c"', 'a.b.c'],
    ['xproxima_session=evil; proxima_session=good', 'good'],
    ['proxima_session=', undefined],
    ['theme=dark', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, expected) => {
    expect(cookieValue(header, 'proxima_session')).toBe(expected);
  });
});

describe('setCookieHeader', () => {
  it('writes httpOnly, SameSite=Strict, Path=/ and its lifetime; Secure only when asked', () => {
    expect(setCookieHeader('s', 'a.b-c_d', { maxAgeSeconds: 60, secure: false })).toBe(
      's=a.b-c_d; Max-Age=60; Path=/; HttpOnly; SameSite=Strict',
    );
    expect(setCookieHeader('s', 'a', { maxAgeSeconds: 60, secure: true })).toMatch(/; Secure$/);
  });

  it('clears with Max-Age=0 and a past Expires', () => {
    expect(setCookieHeader('s', '', { maxAgeSeconds: 0, secure: false })).toBe(
      's=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Strict',
    );
  });

  it('refuses a value that would need encoding or could inject attributes', () => {
    expect(() => setCookieHeader('s', 'a; Domain=evil', { maxAgeSeconds: 1, secure: false })).toThrow();
  });
});
