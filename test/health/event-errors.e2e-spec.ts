import { scenario } from '../cycles/cycle-scenario';
import { isolatedDatabase } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { until } from '../support/wait';

/**
 * Messages to people that cannot be written are reported, not retried in silence: on an API and
 * worker in one process with the clock running, events recorded long ago (their job lost) are
 * swept each tick. One the worker cannot write (a kind it does not know, as an older version
 * would meet a newer one's) does not stop the sweep from writing the others; one the database
 * refuses is counted with its SQLSTATE. /health lists both until they are written.
 */
describe('messages to people that cannot be written', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_event_errors');
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

  const recordAged = (cycleId: string, kind: string) =>
    t.dataSource.query(
      `INSERT INTO people_events (cycle_id, kind, created_at) VALUES ($1, $2, now() - interval '1 hour')`,
      [cycleId, kind],
    );
  const lateEventsOf = async (cycleId: string) => {
    const body = (await api.get('/health')).body;
    return { body, late: body.lateEvents.filter((e: { cycleId: string }) => e.cycleId === cycleId) };
  };

  it('names each late event with its failures and cause, and writes the others', async () => {
    const s = await scenario(api, admin, t.dataSource);
    await recordAged(s.cycleId, 'cycle.unheard-of');
    await recordAged(s.cycleId, 'cycle.dispatched');

    const unknown = await until('/health to list the event no worker can write', 20_000, async () => {
      const { body, late } = await lateEventsOf(s.cycleId);
      return late.length === 1 && late[0].failures >= 2 ? body : undefined;
    });
    expect(unknown.status).toBe('degraded');
    expect(unknown.lateEvents).toEqual([
      {
        cycleId: s.cycleId,
        kind: 'cycle.unheard-of',
        recordedAt: expect.any(String),
        failures: expect.any(Number),
        lastError: { message: 'unknown cycle event cycle.unheard-of', at: expect.any(String) },
      },
    ]);
    expect(Date.now() - Date.parse(unknown.lateEvents[0].recordedAt)).toBeGreaterThan(59 * 60 * 1000);
    // The sweep went on past it: the event beside it was written and is gone.
    const left = await t.dataSource.query(`SELECT kind FROM people_events WHERE cycle_id = $1`, [s.cycleId]);
    expect(left).toEqual([{ kind: 'cycle.unheard-of' }]);
    await t.dataSource.query(`DELETE FROM people_events WHERE kind = 'cycle.unheard-of'`);

    // The database refuses every new message: the event stays, counted, with the SQLSTATE.
    await t.dataSource.query(`
      CREATE FUNCTION refuse_messages() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'messages refused by the test' USING ERRCODE = 'check_violation'; END $$;
      CREATE TRIGGER refuse_messages BEFORE INSERT ON notifications
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_messages();`);
    await recordAged(s.cycleId, 'cycle.locked');
    const refused = await until('/health to list the refused event', 20_000, async () => {
      const { late } = await lateEventsOf(s.cycleId);
      return late.find((e: { kind: string; lastError: unknown }) => e.kind === 'cycle.locked' && e.lastError);
    });
    expect(refused).toMatchObject({
      failures: expect.any(Number),
      lastError: { code: '23514', message: 'messages refused by the test' },
    });

    await t.dataSource.query(
      `DROP TRIGGER refuse_messages ON notifications; DROP FUNCTION refuse_messages()`,
    );
    const cleared = await until('the event to be written once the cause is gone', 20_000, async () => {
      const { body, late } = await lateEventsOf(s.cycleId);
      return late.length === 0 ? body : undefined;
    });
    expect(cleared.lateEvents).toEqual([]);
    expect(cleared.status).toBe('ok');
  });
});
