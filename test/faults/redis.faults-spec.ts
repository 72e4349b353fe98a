import { invariantBreaches } from '../cycles/cycle-invariants';
import {
  adminToken,
  createDatabase,
  generatedTemplate,
  cycleDigest,
  eventsWritten,
  cycleStatus,
  fixtureDataSource,
  freePort,
  generateCycle,
  killAll,
  makeDue,
  report,
  spawnApp,
  startRedis,
  waitForHealth,
  waitForStatus,
  writeInFlight,
  type GeneratedCycle,
  type RedisServer,
  type TestDatabase,
} from './support';
import { until } from '../support/wait';
import { apiUrl } from '../support/api';

const RUN_MS = 120_000;

describe('Redis faults', () => {
  const tag = `proxima_faults_r${process.pid}`;
  const databases: TestDatabase[] = [];

  afterAll(async () => {
    await killAll();
    for (const db of databases) await db.drop();
  }, 60_000);

  describe('FLUSHALL in the middle of a cycle, worker running', () => {
    let template: TestDatabase;
    let gen: GeneratedCycle;
    let redis: RedisServer;

    beforeAll(async () => {
      redis = await startRedis();
      ({ template, gen } = await generatedTemplate(`${tag}_gen`, {
        groups: 8,
        membersPerGroup: 2500,
        trucks: 4,
        truckKg: 100_000,
      }));
      databases.push(template);
    }, 120_000);

    async function run(suffix: string, flush: boolean) {
      const db = await createDatabase(`${tag}_${suffix}`, template.name);
      databases.unshift(db);
      const worker = spawnApp('worker', { databaseUrl: db.url, redisUrl: redis.url, queuePrefix: suffix });
      const figures: Record<string, number> = {};
      // Due to lock now; the allocation waits for confirm_by (a day away) until the test moves it.
      await db.pool.query(`UPDATE cycles SET locks_at = now() - interval '1 minute' WHERE id = $1`, [
        gen.cycleId,
      ]);
      if (flush) {
        // Once inside the lock transaction, then again while the cycle waits for confirmations.
        await until('the lock transaction', RUN_MS, () => writeInFlight(db.pool, db.name), {
          everyMs: 10,
          ignoreErrors: true,
        });
        await redis.command('FLUSHALL');
        figures.flushes = 1;
      }
      await waitForStatus(db.pool, gen.cycleId, 'confirming', RUN_MS);
      if (flush) {
        expect(await redis.command('DBSIZE')).toBeGreaterThanOrEqual(0);
        await redis.command('FLUSHALL');
        figures.flushes += 1;
        expect(await redis.command('DBSIZE')).toBe(0);
      }
      const due = Date.now();
      await makeDue(db.pool, gen.cycleId);
      await waitForStatus(db.pool, gen.cycleId, 'dispatched', RUN_MS).catch((error: Error) => {
        throw new Error(`${error.message}\n${worker.output()}`);
      });
      await eventsWritten(db.pool, gen.cycleId, RUN_MS);
      figures.dueToDispatchedMs = Date.now() - due;
      await worker.stop('SIGTERM');
      const ds = await fixtureDataSource(db.url);
      const breaches = await invariantBreaches(ds, gen.cycleId);
      await ds.destroy();
      return { ...(await cycleDigest(db.pool, gen.cycleId)), breaches, figures };
    }

    it(
      'the clock schedules itself again, finds the due stages, and the cycle completes as in a clean run',
      async () => {
        const clean = await run('clean', false);
        const flushed = await run('flushed', true);
        expect(Object.values(flushed.breaches).every((n) => n === 0)).toBe(true);
        expect(flushed.rows).toEqual(clean.rows);
        expect(flushed.digests).toEqual(clean.digests);
        report('Redis FLUSHALL mid-cycle', {
          lines: gen.lines,
          ...flushed.figures,
          cleanDueToDispatchedMs: clean.figures.dueToDispatchedMs,
          rowsCompared: Object.values(flushed.rows).reduce((a, b) => a + b, 0),
        });
      },
      3 * RUN_MS,
    );
  });

  describe('Redis down when the API starts', () => {
    let db: TestDatabase;
    let admin: string;
    let cycleId: string;

    beforeAll(async () => {
      db = await createDatabase(`${tag}_down`);
      databases.push(db);
      const ds = await fixtureDataSource(db.url);
      ({ cycleId } = await generateCycle(ds, { groups: 2, membersPerGroup: 5, trucks: 1, truckKg: 1000 }));
      await ds.destroy();
      admin = await adminToken(db.pool);
    }, 60_000);

    it('starts, answers reads, reports unhealthy, refuses queue writes with a quick 503, and recovers', async () => {
      const redisPort = await freePort(); // nothing listens there
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const api = spawnApp('api', {
        databaseUrl: db.url,
        redisUrl: `redis://127.0.0.1:${redisPort}`,
        queuePrefix: 'down',
        port,
      });
      const started = Date.now();
      const health = await waitForHealth(base, api, [200, 503]);
      const startMs = Date.now() - started;
      expect(health).toMatchObject({
        status: 503,
        body: { status: 'unhealthy', database: 'up', redis: 'down' },
      });
      // The replica is ready all the same: readiness depends on PostgreSQL only.
      const ready = await fetch(`${base}${apiUrl('/health/ready')}`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 200,
        body: { status: 'ready', database: 'up' },
      });
      const auth = { authorization: `Bearer ${admin}` };

      const territories = await fetch(`${base}${apiUrl('/territories')}`, { headers: auth });
      expect(territories.status).toBe(200);
      expect(((await territories.json()) as { total: number }).total).toBeGreaterThanOrEqual(2);
      const cycle = await fetch(`${base}${apiUrl('/cycles/{id}', { id: cycleId })}`, { headers: auth });
      expect(cycle.status).toBe(200);

      const timed = async (path: string, init: RequestInit) => {
        const t0 = Date.now();
        const reply = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
        return {
          status: reply.status,
          body: (await reply.json()) as Record<string, unknown>,
          ms: Date.now() - t0,
        };
      };
      const advance = await timed(apiUrl('/cycles/{id}/advance', { id: cycleId }), {
        method: 'POST',
        headers: auth,
      });
      expect(advance.status).toBe(503);
      expect(advance.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(advance.ms).toBeLessThan(10_000);
      // Nothing was recorded for the refused run.
      const { rows: audit } = await db.pool.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'cycle.stage_run'`,
      );
      expect(audit[0].n).toBe(0);
      expect(await cycleStatus(db.pool, cycleId)).toBe('open');

      const login = await timed(apiUrl('/auth/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@faults.example', password: 'whatever-it-is' }),
      });
      expect(login.status).toBe(503);
      expect(login.ms).toBeLessThan(10_000);

      // Redis comes up on that port: the same process recovers without a restart.
      await startRedis(redisPort);
      const back = Date.now();
      await waitForHealth(base, api, [200], 30_000);
      const recoveryMs = Date.now() - back;
      const queued = await timed(apiUrl('/cycles/{id}/advance', { id: cycleId }), {
        method: 'POST',
        headers: auth,
      });
      expect(queued.status).toBe(202);
      report('Redis down at start', {
        startMs,
        advanceMs: advance.ms,
        loginMs: login.ms,
        recoveryMs,
      });
    }, 120_000);
  });
});
