import type { FastifyInstance } from 'fastify';
import { requestIdOf, withLogContext } from '../logging/log-context';

/** Fastify's options for request ids: `x-request-id` when sane (requestIdOf), else a new UUID. */
export const REQUEST_ID_OPTIONS = {
  requestIdHeader: false as const,
  genReqId: (request: { headers: Record<string, string | string[] | undefined> }) =>
    requestIdOf(request.headers['x-request-id']),
};

/**
 * Every response carries its request id as `x-request-id`, and the rest of the request (its
 * hooks, guards, pipes, handler and error filter) runs in its log context, so each Nest log
 * line of the request is written through Fastify's request logger and carries `reqId`.
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    withLogContext({ requestId: request.id, logger: request.log }, done);
  });
}
