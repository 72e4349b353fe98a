import { scenario, waitForStatus } from '../cycles/cycle-scenario';
import { isolatedDatabase } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { sleep, until } from '../support/wait';

/**
 * A stage that fails for a reason retries cannot cure is reported, not retried in silence:
 * the lock stage meets a CHECK constraint its rows break (added by the test to the table it
 * writes), on an API and worker in one process with the clock running. The cycle shows
 * `lastError` with its cause, /health lists it, the clock leaves it alone; once the cause is
 * gone, POST …/advance runs the stage again and its success clears the error.
 */
describe('a stage that fails for good', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_stage_errors');
    t = await startTestApp({
      databaseUrl: db.url,
      queuePrefix: db.queuePrefix,
      role: 'all',
      clockIntervalMs: 500,
    });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('is shown on the cycle and on /health with its cause, and cleared by a run that succeeds', async () => {
    const s = await scenario(api, admin, t.dataSource);
    await t.dataSource.query(
      'ALTER TABLE collective_commitments ADD CONSTRAINT no_commitment_yet CHECK (quantity < 0) NOT VALID',
    );
    await t.dataSource.query(`UPDATE cycles SET locks_at = now() - interval '1 second' WHERE id = $1`, [
      s.cycleId,
    ]);
    const failed = await until('the lock stage to fail', 20_000, async () => {
      const reply = await api.as(admin).get('/cycles/{id}', { params: { id: s.cycleId } });
      return reply.body.lastError ? reply.body : undefined;
    });
    expect(failed.status).toBe('open');
    expect(failed.lastError).toEqual({
      stage: 'lock',
      fromStatus: 'open',
      code: '23514',
      message: expect.stringContaining('no_commitment_yet'),
      at: expect.any(String),
    });
    const health = await until('/health to list the failed stage', 20_000, async () => {
      const reply = await api.get('/health');
      return reply.body.failedStages.length > 0 ? reply.body : undefined;
    });
    expect(health.status).toBe('degraded');
    expect(health.failedStages).toEqual([
      { cycleId: s.cycleId, status: 'open', lastError: failed.lastError },
    ]);

    // Not retried: over several clock ticks the error stays the one recorded, the job is not re-run.
    await sleep(2500);
    const later = await api.as(admin).get('/cycles/{id}', { params: { id: s.cycleId } });
    expect(later.body.lastError!.at).toBe(failed.lastError!.at);

    await t.dataSource.query('ALTER TABLE collective_commitments DROP CONSTRAINT no_commitment_yet');
    expect((await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } })).status).toBe(
      202,
    );
    const moved = await waitForStatus(api, admin, s.cycleId, 'confirming');
    expect(moved.lastError).toBeNull();
    expect((await api.get('/health')).body.failedStages).toEqual([]);
  });
});
