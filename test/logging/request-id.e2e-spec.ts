import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createRootLogger } from '../../src/common/logging/logger';
import { createHttpApp } from '../../src/http-app';
import { scenario, waitForStatus } from '../cycles/cycle-scenario';
import { isolatedDatabase } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, testConfig } from '../support/test-app';
import { until } from '../support/wait';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  context?: string;
  job?: string;
  jobId?: string;
}

/**
 * A person can follow one request through the logs: the application runs with the production
 * logger (createRootLogger) writing into a buffer, as the API and a worker in one process.
 * Every line written while serving a request — Fastify's own, the error filter's 500 — carries
 * the request's id, which the response gives back as `x-request-id` (a sane incoming one is
 * kept); a job queued by the request carries it into the worker's lines.
 */
describe('request ids in the logs', () => {
  const lines: Line[] = [];
  let pending = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const text of complete.filter(Boolean)) lines.push(JSON.parse(text));
      done();
    },
  });
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let app: NestFastifyApplication;
  let ds: DataSource;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_logs');
    const config = testConfig({
      databaseUrl: db.url,
      queuePrefix: db.queuePrefix,
      role: 'all',
      logLevel: 'info',
      clockIntervalMs: 60_000,
    });
    app = await createHttpApp(config, createRootLogger('info', sink));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    ds = app.get(DataSource);
    api = new Api(app);
    admin = await adminToken(api, ds);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const of = (requestId: string) => lines.filter((line) => line.reqId === requestId);

  it('answers with the request id it logs under, keeping a sane incoming one', async () => {
    const reply = await api.get('/health', { headers: { 'x-request-id': 'edge-7f3a.42' } });
    expect(reply.headers['x-request-id']).toBe('edge-7f3a.42');
    expect(of('edge-7f3a.42').map((line) => line.msg)).toEqual(['incoming request', 'request completed']);

    const fresh = await api.get('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(of(fresh.headers['x-request-id'] as string)).toHaveLength(2);
  });

  it.each([
    ['with spaces', 'a b'],
    ['too long', 'x'.repeat(129)],
    ['with a quote', 'id"; drop'],
    ['empty', ''],
  ])('replaces an incoming id %s by one of its own', async (_, incoming) => {
    const reply = await api.get('/health', { headers: { 'x-request-id': incoming } });
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((line) => line.reqId === incoming)).toBe(false);
  });

  it("puts the request id on the error filter's 500 line", async () => {
    // A table the request needs is gone: an error no rule maps to a 4xx or a 503.
    await ds.query('ALTER TABLE territories RENAME TO territories_hidden');
    let reply;
    try {
      reply = await api.as(admin).post('/territories', {
        body: {
          name: 'Nowhere',
          countryCode: 'BE',
          timezone: 'Europe/Brussels',
          currency: 'EUR',
        },
      });
    } finally {
      await ds.query('ALTER TABLE territories_hidden RENAME TO territories');
    }
    expect(reply.status).toBe(500);
    const requestId = reply.headers['x-request-id'] as string;
    const logged = of(requestId);
    const error = logged.find((line) => line.context === 'HttpExceptionFilter');
    expect(error).toMatchObject({ level: 50, reqId: requestId });
    expect(error?.msg).toContain('territories');
    expect(logged.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['incoming request', 'request completed']),
    );
  });

  it('carries the request id of POST /cycles/:id/advance into the stage job it queues', async () => {
    const s = await scenario(api, admin, ds);
    const reply = await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } });
    expect(reply.status).toBe(202);
    const requestId = reply.headers['x-request-id'] as string;
    await waitForStatus(api, admin, s.cycleId, 'confirming');
    const done = await until('the stage job to log its end', 20_000, async () =>
      of(requestId).find((line) => line.job === 'run-stage' && line.msg.includes('done in')),
    );
    expect(done).toMatchObject({ reqId: requestId, job: 'run-stage', context: 'WorkerHost' });
    expect(done.jobId).toContain(s.cycleId);
  });
});
