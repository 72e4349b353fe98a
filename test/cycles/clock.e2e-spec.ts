import Redis from 'ioredis';
import { isolatedDatabase } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, testConfig, userToken, type TestApp } from '../support/test-app';
import { invariantBreaches } from './cycle-invariants';
import { scenario, waitForStatus } from './cycle-scenario';

/**
 * Nobody presses "advance" here: the clock finds the due stages in PostgreSQL on its own.
 * Each test moves a cycle's due time into the past and waits for the cycle to move on.
 */
describe('the cycle clock', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_clock');
    t = await startTestApp({
      databaseUrl: db.url,
      queuePrefix: db.queuePrefix,
      role: 'all',
      clockIntervalMs: 1000,
    });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const due = (column: 'locks_at' | 'confirm_by', cycleId: string) =>
    t.dataSource.query(`UPDATE cycles SET ${column} = now() - interval '1 second' WHERE id = $1`, [cycleId]);

  it('locks a cycle whose lock time has passed and allocates it at its confirm-by time', async () => {
    const s = await scenario(api, admin, t.dataSource);
    const [{ status: untouched }] = await t.dataSource.query('SELECT status FROM cycles WHERE id = $1', [
      s.cycleId,
    ]);
    expect(untouched).toBe('open');
    await due('locks_at', s.cycleId);
    await waitForStatus(api, admin, s.cycleId, 'confirming');
    // A later month, not yet due, stays open.
    const [{ status: later }] = await t.dataSource.query(
      `SELECT status FROM cycles WHERE season_id = $1 AND month > $2 ORDER BY month LIMIT 1`,
      [s.seasonId, s.month],
    );
    expect(later).toBe('open');
    await due('confirm_by', s.cycleId);
    await waitForStatus(api, admin, s.cycleId, 'allocated');
    expect(Object.values(await invariantBreaches(t.dataSource, s.cycleId)).every((n) => n === 0)).toBe(true);
  });

  it('allocates as soon as every cooperative asked has confirmed', async () => {
    const s = await scenario(api, admin, t.dataSource);
    await due('locks_at', s.cycleId);
    await waitForStatus(api, admin, s.cycleId, 'confirming');
    for (const [index, cooperativeId] of s.r.cooperativeIds.entries()) {
      const token = await userToken(api, admin, 'cooperative', { cooperativeId });
      const demand = (await api.as(token).get('/cycles/{id}/demand', { params: { id: s.cycleId } })).body;
      const lines = demand.map((d: { offerId: string; quantity: number }) => ({
        offerId: d.offerId,
        quantity: d.quantity,
      }));
      const reply = await api.as(token).put('/cycles/{id}/confirmations/{cooperativeId}', {
        params: { id: s.cycleId, cooperativeId },
        body: { lines },
      });
      expect(reply.status).toBe(200);
      if (index === 0) {
        const [{ status }] = await t.dataSource.query('SELECT status FROM cycles WHERE id = $1', [s.cycleId]);
        expect(status).toBe('confirming'); // one cooperative still to confirm
      }
    }
    await waitForStatus(api, admin, s.cycleId, 'allocated');
  });

  it('finds the due stages again after Redis lost every job and the clock itself', async () => {
    const s = await scenario(api, admin, t.dataSource);
    await due('locks_at', s.cycleId);
    await waitForStatus(api, admin, s.cycleId, 'confirming');
    // What FLUSHALL does to this app, without touching the keys of other test files
    // running on the same Redis: every key under the app's prefix goes.
    const redis = new Redis(testConfig().redisUrl);
    const keys = await redis.keys(`${db.queuePrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    // (No check that the clock's keys stay gone: the app's clock, ticking every second, may
    // write its key again at once, which is what this test is about.)
    redis.disconnect();
    await due('confirm_by', s.cycleId);
    await waitForStatus(api, admin, s.cycleId, 'allocated');
    expect(Object.values(await invariantBreaches(t.dataSource, s.cycleId)).every((n) => n === 0)).toBe(true);
  });
});
