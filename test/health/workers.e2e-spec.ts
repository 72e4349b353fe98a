import type { INestApplicationContext } from '@nestjs/common';
import { scenario } from '../cycles/cycle-scenario';
import { isolatedDatabase, startWorker } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/wait';

/**
 * Workers are visible: an API replica and worker processes (Nest contexts as APP_ROLE=worker
 * runs them) on a database and queue prefix of their own. GET /health reports the workers
 * seen by their heartbeats and the cycles whose due stage has not run for over twice the
 * clock interval; GET /health/ready answers for the API replica alone.
 */
describe('workers and stalled cycles on /health', () => {
  const CLOCK_MS = 1000;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_health');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, clockIntervalMs: CLOCK_MS });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await t?.close();
    await db?.drop();
  });

  const health = async () => {
    const reply = await api.get('/health');
    expect(reply.status).toBe(200);
    return reply.body;
  };

  it('is ready, and degraded with no worker seen, while no worker runs', async () => {
    const ready = await api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: 'up' });
    expect(await health()).toMatchObject({ status: 'degraded', database: 'up', redis: 'up', workers: [] });
  });

  it('reports a cycle due for longer than twice the clock interval, until a worker runs its stage', async () => {
    const s = await scenario(api, admin, t.dataSource);
    await t.dataSource.query(`UPDATE cycles SET locks_at = now() - interval '1 hour' WHERE id = $1`, [
      s.cycleId,
    ]);
    const stalled = await until('the cycle reported stalled', 20_000, async () => {
      const body = await health();
      return body.stalledCycles.find((c: { cycleId: string }) => c.cycleId === s.cycleId) ? body : undefined;
    });
    expect(stalled.status).toBe('degraded');
    expect(stalled.stalledCycles).toContainEqual({
      cycleId: s.cycleId,
      status: 'open',
      dueSince: expect.any(String),
    });
    const dueSince = stalled.stalledCycles.find(
      (c: { cycleId: string }) => c.cycleId === s.cycleId,
    )!.dueSince;
    expect(Date.now() - Date.parse(dueSince)).toBeGreaterThan(59 * 60 * 1000);

    // A cycle due only a moment ago (less than two intervals) is not stalled.
    const [{ id: later }] = await t.dataSource.query(
      `UPDATE cycles SET locks_at = now() WHERE season_id = $1 AND month > $2
        AND month = (SELECT min(month) FROM cycles WHERE season_id = $1 AND month > $2) RETURNING id`,
      [s.seasonId, s.month],
    );
    const body = await health();
    expect(body.stalledCycles.map((c: { cycleId: string }) => c.cycleId)).not.toContain(later);

    workers.push(
      await startWorker({ databaseUrl: db.url, queuePrefix: db.queuePrefix, clockIntervalMs: CLOCK_MS }),
    );
    await until('the stalled cycle to move on', 20_000, async () => {
      const now = await health();
      return now.stalledCycles.some((c: { cycleId: string }) => c.cycleId === s.cycleId) ? undefined : now;
    });
  });

  it('reports each worker process by its heartbeat, and forgets a worker that stopped', async () => {
    workers.push(
      await startWorker({ databaseUrl: db.url, queuePrefix: db.queuePrefix, clockIntervalMs: CLOCK_MS }),
    );
    const two = await until('two workers seen', 20_000, async () => {
      const body = await health();
      return body.workers.length === 2 ? body : undefined;
    });
    for (const worker of two.workers) {
      expect(worker).toEqual({
        id: expect.stringMatching(/:\d+:[0-9a-f]{6}$/),
        host: expect.any(String),
        pid: expect.any(Number),
        startedAt: expect.any(String),
        lastBeatAt: expect.any(String),
        alive: true,
        queues: ['clock', 'cycle', 'notifications'],
      });
      expect(Date.now() - Date.parse(worker.lastBeatAt)).toBeLessThan(15_000);
    }
    expect(new Set(two.workers.map((worker: { id: string }) => worker.id)).size).toBe(2);
    // A clean stop removes its heartbeat.
    await workers.pop()!.close();
    await until('one worker left', 20_000, async () => {
      const body = await health();
      return body.workers.length === 1 ? body : undefined;
    });
    const ready = await api.get('/health/ready');
    expect(ready.status).toBe(200);
  });
});
