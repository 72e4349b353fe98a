import { SEED_LOCK_KEY } from '../../src/database/seed/seed-demo';
import { invariantBreaches } from '../cycles/cycle-invariants';
import {
  createDatabase,
  generatedTemplate,
  cycleDigest,
  eventsWritten,
  fixtureDataSource,
  freePort,
  killAll,
  makeDue,
  report,
  spawnApp,
  startPostgresCluster,
  startRedis,
  waitForHealth,
  waitForStatus,
  writeInFlight,
  type GeneratedCycle,
  type PostgresCluster,
  type Proc,
  type RedisServer,
  type TestDatabase,
} from './support';
import { sleep, until } from '../support/wait';

const RUN_MS = 120_000;
const DOWN_MS = 3000;
const MONTH = { groups: 8, membersPerGroup: 1500, trucks: 4, truckKg: 100_000 };

/**
 * Runs the generated month from open to dispatched with a worker, calling `fault` once inside
 * the lock's transaction and once inside the allocation's; returns what the stages wrote.
 */
async function runMonth(
  db: TestDatabase,
  gen: GeneratedCycle,
  startWorker: () => Proc,
  fault?: (stage: string) => Promise<void>,
) {
  let worker = startWorker();
  const faults: string[] = [];
  const inside = async (stage: string) => {
    if (!fault) return;
    await until(`the ${stage} transaction`, RUN_MS, () => writeInFlight(db.pool, db.name), {
      everyMs: 10,
      ignoreErrors: true,
    });
    await fault(stage);
    faults.push(stage);
    if (!worker.running()) worker = startWorker(); // a process that gave up is started again
  };
  // Due to lock now; the allocation waits for confirm_by (a day away) until it is made due.
  await db.pool.query(`UPDATE cycles SET locks_at = now() - interval '1 minute' WHERE id = $1`, [
    gen.cycleId,
  ]);
  await inside('lock');
  await waitForStatus(db.pool, gen.cycleId, 'confirming', RUN_MS);
  const due = Date.now();
  await makeDue(db.pool, gen.cycleId);
  await inside('allocation');
  await waitForStatus(db.pool, gen.cycleId, 'dispatched', RUN_MS).catch((error: Error) => {
    throw new Error(`${error.message}\n${worker.output()}`);
  });
  await eventsWritten(db.pool, gen.cycleId, RUN_MS);
  const dueToDispatchedMs = Date.now() - due;
  const exitedBy = worker.running() ? 'still running' : 'exited';
  await worker.stop('SIGTERM');
  const ds = await fixtureDataSource(db.url);
  const breaches = await invariantBreaches(ds, gen.cycleId);
  await ds.destroy();
  return { ...(await cycleDigest(db.pool, gen.cycleId)), breaches, faults, dueToDispatchedMs, exitedBy };
}

function expectSameMonth(
  faulty: Awaited<ReturnType<typeof runMonth>>,
  clean: Awaited<ReturnType<typeof runMonth>>,
): void {
  expect(faulty.faults).toEqual(['lock', 'allocation']);
  expect(Object.values(faulty.breaches).every((n) => n === 0)).toBe(true);
  expect(faulty.rows).toEqual(clean.rows);
  expect(faulty.digests).toEqual(clean.digests);
}

describe('services stopped and started again in the middle of a stage', () => {
  const tag = `proxima_faults_s${process.pid}`;
  const databases: TestDatabase[] = [];

  afterAll(async () => {
    await killAll();
    for (const db of databases.reverse()) await db.drop().catch(() => undefined);
  }, 60_000);

  describe('Redis stopped (its data gone with it), then started again on the same port', () => {
    let template: TestDatabase;
    let gen: GeneratedCycle;
    let redis: RedisServer;

    beforeAll(async () => {
      redis = await startRedis();
      ({ template, gen } = await generatedTemplate(`${tag}_gen`, MONTH));
      databases.push(template);
    }, 120_000);

    it(
      'the worker waits for it, the clock finds the due stages again, and the month completes as in a clean run',
      async () => {
        const copy = async (suffix: string) => {
          const db = await createDatabase(`${tag}_${suffix}`, template.name);
          databases.push(db);
          return db;
        };
        const cleanDb = await copy('rclean');
        const clean = await runMonth(cleanDb, gen, () =>
          spawnApp('worker', { databaseUrl: cleanDb.url, redisUrl: redis.url, queuePrefix: 'rclean' }),
        );
        const db = await copy('rstopped');
        const stopped = await runMonth(
          db,
          gen,
          () => spawnApp('worker', { databaseUrl: db.url, redisUrl: redis.url, queuePrefix: 'rstopped' }),
          async () => {
            await redis.stop();
            await sleep(DOWN_MS);
            redis = await startRedis(redis.port);
          },
        );
        expectSameMonth(stopped, clean);
        report('Redis stopped mid-stage', {
          lines: gen.lines,
          stoppedDuring: stopped.faults,
          downMs: DOWN_MS,
          dueToDispatchedMs: stopped.dueToDispatchedMs,
          cleanDueToDispatchedMs: clean.dueToDispatchedMs,
          worker: stopped.exitedBy,
          rowsCompared: Object.values(stopped.rows).reduce((a, b) => a + b, 0),
        });
      },
      4 * RUN_MS,
    );
  });

  describe('PostgreSQL restarted (a cluster of the suite’s own, fast shutdown)', () => {
    let cluster: PostgresCluster;
    let template: TestDatabase;
    let gen: GeneratedCycle;
    let redis: RedisServer;

    beforeAll(async () => {
      redis = await startRedis();
      cluster = await startPostgresCluster();
      ({ template, gen } = await generatedTemplate(`${tag}_pgen`, MONTH, cluster.url));
    }, 180_000);

    afterAll(async () => {
      await killAll();
      await cluster?.stop();
    }, 60_000);

    it(
      'the worker reconnects by itself, the rolled-back stage runs again, and the month completes as in a clean run',
      async () => {
        const cleanDb = await createDatabase(`${tag}_pclean`, template.name, cluster.url);
        const clean = await runMonth(cleanDb, gen, () =>
          spawnApp('worker', { databaseUrl: cleanDb.url, redisUrl: redis.url, queuePrefix: 'pclean' }),
        );
        await cleanDb.pool.end();
        const db = await createDatabase(`${tag}_prestarted`, template.name, cluster.url);
        const restarted = await runMonth(
          db,
          gen,
          () => spawnApp('worker', { databaseUrl: db.url, redisUrl: redis.url, queuePrefix: 'prestarted' }),
          () => cluster.restart(DOWN_MS),
        );
        await db.pool.end();
        expectSameMonth(restarted, clean);
        report('PostgreSQL restarted mid-stage', {
          lines: gen.lines,
          restartedDuring: restarted.faults,
          downMs: DOWN_MS,
          dueToDispatchedMs: restarted.dueToDispatchedMs,
          cleanDueToDispatchedMs: clean.dueToDispatchedMs,
          worker: restarted.exitedBy,
          rowsCompared: Object.values(restarted.rows).reduce((a, b) => a + b, 0),
        });
      },
      4 * RUN_MS,
    );
  });
});

describe('SIGTERM while the app starts: during the migrations, during the demo seed', () => {
  const tag = `proxima_faults_t${process.pid}`;
  const databases: TestDatabase[] = [];
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);

  afterAll(async () => {
    await killAll();
    for (const db of databases) await db.drop().catch(() => undefined);
  }, 60_000);

  // An empty database (a copy of template0: not even migrated), as a first start finds it.
  async function empty(suffix: string): Promise<TestDatabase> {
    const db = await createDatabase(`${tag}_${suffix}`, 'template0');
    databases.push(db);
    return db;
  }

  async function start(db: TestDatabase, prefix: string): Promise<{ proc: Proc; base: string }> {
    const port = await freePort();
    const env = { databaseUrl: db.url, redisUrl: redis.url, queuePrefix: prefix, seedDemo: true, port };
    return { proc: spawnApp('api', env), base: `http://127.0.0.1:${port}` };
  }

  /** Row counts of what a start leaves: the migrations and the demo's tables. */
  async function footprint(db: TestDatabase): Promise<Record<string, number>> {
    const { rows } = await db.pool.query(`
      SELECT (SELECT count(*) FROM migrations)::int AS migrations,
             (SELECT count(*) FROM territories)::int AS territories,
             (SELECT count(*) FROM users)::int AS users,
             (SELECT count(*) FROM members)::int AS members,
             (SELECT count(*) FROM seasons)::int AS seasons,
             (SELECT count(*) FROM offers)::int AS offers,
             (SELECT count(*) FROM cycles)::int AS cycles,
             (SELECT count(*) FROM member_pledges)::int AS pledges,
             (SELECT count(*) FROM cycles WHERE status <> 'open')::int AS "cyclesPlayed",
             (SELECT count(*) FROM cooperative_confirmations WHERE confirmed_at IS NOT NULL)::int AS confirmations,
             (SELECT count(*) FROM group_receipts)::int AS receipts,
             (SELECT count(*) FROM member_statements)::int AS statements,
             (SELECT count(*) FROM manifests)::int AS manifests,
             (SELECT count(*) FROM invitations)::int AS invitations,
             (SELECT count(*) FROM demo_seed WHERE played_at IS NOT NULL)::int AS played`);
    return rows[0];
  }

  /** The seed's first transaction is committed (before the migrations, the query fails: not yet). */
  async function seededRegistry(db: TestDatabase): Promise<true | undefined> {
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM demo_seed`);
    return rows[0].n > 0 ? true : undefined;
  }

  interface Hold {
    proc: Proc;
    release(): Promise<void>;
  }

  /** Some session of the database waits for a lock matching `which` (on pg_locks `l`). */
  async function waiting(db: TestDatabase, which: string): Promise<true | undefined> {
    const { rows } = await db.pool.query(
      `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE NOT l.granted AND ${which} AND d.datname = $1`,
      [db.name],
    );
    return rows.length > 0 ? true : undefined;
  }

  /** Waits until the start has migrated, seeded and played the demo's months. */
  async function seeded(db: TestDatabase, proc: Proc): Promise<Record<string, number>> {
    return until(
      'the demo seed',
      90_000,
      async () => {
        if (!proc.running()) throw new Error(`the app exited: ${proc.output()}`);
        const counts = await footprint(db);
        return counts.played > 0 ? counts : undefined;
      },
      { ignoreErrors: true },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${proc.output()}`);
    });
  }

  it(
    'exits 0 with one line, rolls back what it was doing, and the next start completes it',
    async () => {
      const referenceDb = await empty('reference');
      const reference = await start(referenceDb, 'reference');
      const expected = await seeded(referenceDb, reference.proc);
      await reference.proc.stop('SIGTERM');
      expect(expected.territories).toBeGreaterThan(0);

      const phases: Record<string, string> = {};
      // Where the first start is when the signal comes, and how the test holds it there.
      const holds: Record<string, (db: TestDatabase, spawn: () => Promise<Proc>) => Promise<Hold>> = {
        // Some session of the database is inside a transaction that wrote: a migration.
        migrations: async (db, spawn) => {
          const proc = await spawn();
          await until('a migration', 60_000, () => writeInFlight(db.pool, db.name), {
            everyMs: 5,
            ignoreErrors: true,
          });
          return { proc, release: async () => undefined };
        },
        // Half-way through the seed's transaction. The test holds the seed's advisory lock, so
        // the seed waits at its first statement; then it holds the seasons table and lets the
        // seed go on: it writes territories, organisations and users and waits for the table.
        'demo seed': async (db, spawn) => {
          const holder = await db.pool.connect();
          await holder.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
          const proc = await spawn();
          await until(
            'the seed, waiting for its lock',
            90_000,
            () => waiting(db, `l.locktype = 'advisory'`),
            { everyMs: 20, ignoreErrors: true },
          ).catch((error: Error) => {
            holder.release();
            throw new Error(`${error.message}\n${proc.output()}`);
          });
          await holder.query('BEGIN');
          await holder.query('LOCK TABLE seasons IN EXCLUSIVE MODE');
          await holder.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]);
          await until(
            'the seed, waiting for the seasons table',
            60_000,
            () => waiting(db, `l.relation = 'seasons'::regclass`),
            { ignoreErrors: true },
          );
          return {
            proc,
            release: async () => {
              await holder.query('ROLLBACK');
              holder.release();
            },
          };
        },
        // Half-way through the months the real stages play: the registry and the season are
        // committed, the first month is played, and the test holds the invitations table, so the
        // play waits to invite the last two members.
        'demo months': async (db, spawn) => {
          const proc = await spawn();
          await until('the seeded registry', 90_000, () => seededRegistry(db), {
            everyMs: 20,
            ignoreErrors: true,
          });
          const holder = await db.pool.connect();
          await holder.query('BEGIN');
          await holder.query('LOCK TABLE invitations IN EXCLUSIVE MODE');
          await until(
            'the play, waiting for the invitations table',
            90_000,
            () => waiting(db, `l.relation = 'invitations'::regclass`),
            { ignoreErrors: true },
          ).catch((error: Error) => {
            holder.release();
            throw new Error(`${error.message}\n${proc.output()}`);
          });
          return {
            proc,
            release: async () => {
              await holder.query('ROLLBACK');
              holder.release();
            },
          };
        },
      };
      for (const [phase, hold] of Object.entries(holds)) {
        const name = phase.replace(' ', '_');
        const db = await empty(name);
        const { proc: first, release } = await hold(db, async () => (await start(db, `t-${name}`)).proc);
        first.child.kill('SIGTERM');
        const exit = await first.exited;
        await release();
        const lines = first.output().trim().split('\n');
        expect(exit).toEqual({ code: 0, signal: null });
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^Proxima stopped by SIGTERM during /);
        phases[phase] = lines[0];
        // Nothing of the interrupted seed is kept.
        if (phase === 'demo seed') expect((await footprint(db)).territories).toBe(0);
        // What the stages had committed stays; the rest is played by the next start.
        if (phase === 'demo months') expect(await footprint(db)).toMatchObject({ played: 0, invitations: 0 });

        const second = await start(db, `t2-${name}`);
        expect(await seeded(db, second.proc)).toEqual(expected);
        await waitForHealth(second.base, second.proc);
        await second.proc.stop('SIGTERM');
      }
      report('SIGTERM during start-up', { lines: phases, footprint: expected });
    },
    4 * RUN_MS,
  );
});
