import type { FastifyInstance } from 'fastify';

/**
 * RFC 8058 mail clients POST `List-Unsubscribe=One-Click` as a form to the unsubscribe URL. The
 * API takes JSON only, so form bodies are read on that one route, into an object (which the
 * route ignores: its token is its authority), and refused with 415 everywhere else.
 */
export function registerOneClickUnsubscribeBodies(fastify: FastifyInstance, apiPrefix: string): void {
  const route = `/${apiPrefix}/unsubscribe/`;
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (request, body, done) => {
      if (!request.url.startsWith(route)) {
        done(Object.assign(new Error('Unsupported Media Type: send JSON'), { statusCode: 415 }), undefined);
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}
