import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's security headers on every response, errors included. The middleware is built once
 * here: @fastify/helmet built it again on every request (parsing the CSP directives each
 * time), a twentieth of the API's CPU under load (docs/PERFORMANCE.md).
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const applyHeaders = helmet({
    // The OpenAPI UI at /docs needs its inline scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
}
