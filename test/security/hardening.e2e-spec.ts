import { createHash } from 'node:crypto';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'self'";

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Info findings (docs/SECURITY.md): authenticated answers are never stored by a cache, and
 * everything the server serves runs under a strict CSP without 'unsafe-inline'; /docs (Swagger
 * UI, whose page holds inline styles) gets the same policy with the hashes of exactly those.
 */
describe('hardening', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });
  afterAll(() => t.close());

  it('answers an authenticated request with Cache-Control: no-store, errors included', async () => {
    const territories = await api.as(admin).get('/territories');
    const unknownCycle = await api
      .as(admin)
      .get('/cycles/{id}', { params: { id: '00000000-0000-4000-8000-000000000000' } });
    for (const reply of [territories, unknownCycle]) {
      expect(reply.headers['cache-control']).toBe('no-store');
    }
    expect(
      (
        await api
          .anonymous()
          .post('/auth/login', { body: { email: 'x@y.example', password: 'wrong password' } })
      ).headers['cache-control'],
    ).toBe('no-store');
  });

  it('serves the API and the web app under the strict CSP', async () => {
    // Raw URLs: the web app's page and the document are not API paths.
    for (const url of ['/api/v1/health', '/api/v1/territories', '/', '/docs-json']) {
      const reply = await api.as(admin).request('GET', url);
      expect(reply.headers['content-security-policy']).toBe(STRICT_CSP);
    }
  });

  it("gives /docs the strict CSP plus the hashes of its page's own inline styles, no 'unsafe-inline'", async () => {
    const page = await api.anonymous().request('GET', '/docs');
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("script-src 'self';");
    const styles = [...page.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    const attributes = [...page.text.matchAll(/ style="([^"]*)"/g)].map((m) => m[1]);
    expect(styles.length).toBeGreaterThan(0);
    for (const style of [...styles, ...attributes]) expect(csp).toContain(sha256(style));
    // No inline script: every script of the page is a file the server serves, under 'self'.
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    for (const [, src] of page.text.matchAll(/<script src=["']([^"']+)["']/g)) {
      const script = await api.anonymous().request('GET', new URL(src, 'http://x/docs').pathname);
      expect(script.status).toBe(200);
    }
  });
});
