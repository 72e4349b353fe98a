import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * The CSP of everything the server serves (docs/SECURITY.md, Info): no inline script or style
 * anywhere, so an injected `<script>` or `style=` does nothing. The web app is built to live with
 * it; /docs gets the same policy with the hashes of its page's own inline styles (docsCsp).
 */
const CSP_DIRECTIVES: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'self'"],
];

function cspOf(directives: [string, string][]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

export const STRICT_CSP = cspOf(CSP_DIRECTIVES);

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The policy of the Swagger UI page: @nestjs/swagger serves its scripts as files (allowed by
 * 'self'), but its page holds `<style>` blocks and a `style="…"` attribute; exactly those are
 * allowed, by hash ('unsafe-hashes' covers the attribute's), never 'unsafe-inline'.
 */
export function docsCsp(html: string): string {
  const blocks = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => hashOf(m[1]));
  const attributes = [...html.matchAll(/ style="([^"]*)"/g)].map((m) => hashOf(m[1]));
  const styles = ["'self'", ...blocks, ...(attributes.length ? ["'unsafe-hashes'", ...attributes] : [])];
  return cspOf(
    CSP_DIRECTIVES.map(([name, value]) => [name, name === 'style-src' ? styles.join(' ') : value]),
  );
}

/** helmet's options: its defaults but the CSP, which is ours (STRICT_CSP). */
export const applyHelmet = helmet({ contentSecurityPolicy: false });

/**
 * The headers helmet sets, read once by running it against a response that only records them.
 * None of them depends on the request (no CSP nonce, no directive given as a function), so
 * every response gets the same ones. helmet itself formats its CSP again for every response:
 * the API's CPU on PUT pledges had a twentieth in @fastify/helmet's per-request set-up, then
 * a twentieth in the formatting (docs/PERFORMANCE.md).
 */
export function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failed: unknown;
  applyHelmet({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return { ...headers, 'content-security-policy': STRICT_CSP };
}

/**
 * Helmet's security headers and the strict CSP on every response, errors included; every API
 * answer with `Cache-Control: no-store` (they are all per caller or about credentials: no shared
 * or browser cache may keep one); the Swagger UI page with its own hash-based CSP.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const headers = helmetHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (/^\/docs\/?(\?|$)/.test(request.url) && typeof payload === 'string' && payload.includes('<style>'))
      reply.header('content-security-policy', docsCsp(payload));
    done(null, payload);
  });
}
