import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Fastify from 'fastify';
import { applyHelmet, helmetHeaders, registerSecurityHeaders, STRICT_CSP } from './security-headers';

describe('security headers', () => {
  it('are the headers helmet sets on a real response', () => {
    const response = new ServerResponse(new IncomingMessage(new Socket()));
    response.setHeader('X-Powered-By', 'something');
    let failed: unknown;
    applyHelmet(response.req, response, (error?: unknown) => (failed = error));
    expect(failed).toBeUndefined();
    const expected = Object.fromEntries(
      Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]),
    );
    expect(helmetHeaders()).toEqual({ ...expected, 'content-security-policy': STRICT_CSP });
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining(['strict-transport-security', 'x-frame-options']),
    );
    expect(STRICT_CSP).not.toContain('unsafe-inline');
  });

  it('are on every response, found or not', async () => {
    const fastify = Fastify();
    registerSecurityHeaders(fastify);
    fastify.get('/here', async () => ({ ok: true }));
    for (const url of ['/here', '/nowhere']) {
      const reply = await fastify.inject({ method: 'GET', url });
      expect(reply.headers).toMatchObject(helmetHeaders());
    }
    await fastify.close();
  });
});
