import { scenario, waitFor, waitForStatus } from '../cycles/cycle-scenario';
import { isolatedDatabase } from '../support/isolated-database';
import { adminToken, Http, startTestApp, type TestApp } from '../support/test-app';

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
  let http: Http;
  let admin: string;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_stage_errors');
    t = await startTestApp({
      databaseUrl: db.url,
      queuePrefix: db.queuePrefix,
      role: 'all',
      clockIntervalMs: 500,
    });
    http = new Http(t.app);
    admin = await adminToken(http, t.dataSource);
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('is shown on the cycle and on /health with its cause, and cleared by a run that succeeds', async () => {
    const s = await scenario(http, admin, t.dataSource);
    await t.dataSource.query(
      'ALTER TABLE collective_commitments ADD CONSTRAINT no_commitment_yet CHECK (quantity < 0) NOT VALID',
    );
    await t.dataSource.query(`UPDATE cycles SET locks_at = now() - interval '1 second' WHERE id = $1`, [
      s.cycleId,
    ]);
    const failed = await waitFor('the lock stage to fail', async () => {
      const reply = await http.as(admin).get(`/api/v1/cycles/${s.cycleId}`);
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
    const health = await waitFor('/health to list the failed stage', async () => {
      const reply = await http.get('/api/v1/health');
      return reply.body.failedStages.length > 0 ? reply.body : undefined;
    });
    expect(health.status).toBe('degraded');
    expect(health.failedStages).toEqual([
      { cycleId: s.cycleId, status: 'open', lastError: failed.lastError },
    ]);

    // Not retried: over several clock ticks the error stays the one recorded, the job is not re-run.
    await new Promise((done) => setTimeout(done, 2500));
    const later = await http.as(admin).get(`/api/v1/cycles/${s.cycleId}`);
    expect(later.body.lastError.at).toBe(failed.lastError.at);

    await t.dataSource.query('ALTER TABLE collective_commitments DROP CONSTRAINT no_commitment_yet');
    expect((await http.as(admin).post(`/api/v1/cycles/${s.cycleId}/advance`)).status).toBe(202);
    const moved = await waitForStatus(http, admin, s.cycleId, 'confirming');
    expect(moved.lastError).toBeNull();
    expect((await http.get('/api/v1/health')).body.failedStages).toEqual([]);
  });
});
