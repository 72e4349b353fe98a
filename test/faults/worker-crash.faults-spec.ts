import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { JOB_OPTIONS, JobName, QueueName } from '../../src/queue/jobs';
import { invariantBreaches } from '../cycles/cycle-invariants';
import { startSmtpServer } from '../notifications/support';
import {
  createDatabase,
  generatedTemplate,
  cycleDigest,
  eventsWritten,
  cycleStatus,
  fixtureDataSource,
  killAll,
  makeDue,
  report,
  spawnApp,
  startRedis,
  waitForStatus,
  type GeneratedCycle,
  type Proc,
  type RedisServer,
  type TestDatabase,
} from './support';
import { sleep, until } from '../support/wait';

// 25 groups × 2,000 members × 4 offers = 200,000 pledge lines: the lock and the allocation
// each take a second or more, long enough to kill a worker inside them.
const GROUPS = Number(process.env.FAULTS_GROUPS ?? 25);
const MEMBERS_PER_GROUP = Number(process.env.FAULTS_MEMBERS ?? 2000);
const RUN_MS = 240_000;
const STATUSES = ['open', 'locked', 'confirming', 'allocated', 'dispatched'];

/**
 * The stage transaction a worker has open on `db`: it has moved the cycle's status (a row
 * lock on `cycles`, not yet committed) and is writing what the stage writes.
 */
async function stageInFlight(
  pool: Pool,
  database: string,
): Promise<{ pid: number; query: string; ms: number } | undefined> {
  const { rows } = await pool.query(
    `SELECT a.pid, a.query, (extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::int AS ms
       FROM pg_stat_activity a
      WHERE a.datname = $1 AND a.pid <> pg_backend_pid() AND a.backend_xid IS NOT NULL
        AND EXISTS (SELECT 1 FROM pg_locks l
                     WHERE l.pid = a.pid AND l.relation = 'cycles'::regclass AND l.mode = 'RowExclusiveLock')
      ORDER BY a.xact_start LIMIT 1`,
    [database],
  );
  return rows[0];
}

async function digestOf(db: TestDatabase, cycleId: string) {
  const ds = await fixtureDataSource(db.url);
  try {
    return { ...(await cycleDigest(db.pool, cycleId)), breaches: await invariantBreaches(ds, cycleId) };
  } finally {
    await ds.destroy();
  }
}

describe('worker processes under faults (real `node dist/main.js`, APP_ROLE=worker)', () => {
  const tag = `proxima_faults_w${process.pid}`;
  let redis: RedisServer;
  let template: TestDatabase;
  let gen: GeneratedCycle;
  let clean: Awaited<ReturnType<typeof digestOf>>;
  const databases: TestDatabase[] = [];

  async function copy(suffix: string): Promise<TestDatabase> {
    const db = await createDatabase(`${tag}_${suffix}`, template.name);
    databases.push(db);
    return db;
  }

  beforeAll(async () => {
    redis = await startRedis();
    const started = Date.now();
    ({ template, gen } = await generatedTemplate(`${tag}_gen`, {
      groups: GROUPS,
      membersPerGroup: MEMBERS_PER_GROUP,
      trucks: 10,
      truckKg: 100_000,
      // Each member is told what was allocated: 50,000 mails would measure the SMTP server, not
      // the duplicated jobs. 200 members keep theirs, so the people's fan-out is tested too.
      notifiedMembers: 200,
    }));
    report('generated cycle', { ...gen, offers: gen.offers.length, ms: Date.now() - started });
  }, 180_000);

  afterAll(async () => {
    await killAll();
    for (const db of databases) await db.drop();
    await template?.drop();
  }, 60_000);

  it(
    'runs the month from open to dispatched in a clean run (the reference)',
    async () => {
      const db = await copy('clean');
      const worker = spawnApp('worker', { databaseUrl: db.url, redisUrl: redis.url, queuePrefix: 'clean' });
      const started = Date.now();
      await makeDue(db.pool, gen.cycleId);
      await waitForStatus(db.pool, gen.cycleId, 'dispatched', RUN_MS).catch((error: Error) => {
        throw new Error(`${error.message}\n${worker.output()}`);
      });
      await eventsWritten(db.pool, gen.cycleId, RUN_MS);
      const ms = Date.now() - started;
      await worker.stop('SIGTERM');
      clean = await digestOf(db, gen.cycleId);
      expect(Object.values(clean.breaches).every((n) => n === 0)).toBe(true);
      expect(clean.rows.memberAllocations).toBe(gen.lines);
      expect(clean.rows.shipments).toBeGreaterThan(1);
      expect(clean.rows.manifests).toBe(clean.rows.shipments);
      report('clean run', { ms, rows: clean.rows });
    },
    RUN_MS + 30_000,
  );

  it(
    'completes after SIGKILLs inside the lock, the allocation and the dispatch, with identical results',
    async () => {
      const db = await copy('crash');
      const env = { databaseUrl: db.url, redisUrl: redis.url, queuePrefix: 'crash' };
      let worker: Proc = spawnApp('worker', env);
      const started = Date.now();
      await makeDue(db.pool, gen.cycleId);
      const kills: { status: string; query: string; transactionMs: number; recoveryMs: number }[] = [];
      const missed: string[] = [];
      // One kill inside each stage's transaction: lock (from open), allocate (from confirming),
      // dispatch (from allocated). The status seen is the one before the stage commits.
      for (const stage of ['open', 'confirming', 'allocated']) {
        const inFlight = await until(
          `a stage transaction from ${stage}`,
          RUN_MS,
          async () => {
            const status = await cycleStatus(db.pool, gen.cycleId);
            if (STATUSES.indexOf(status) > STATUSES.indexOf(stage)) return 'missed' as const;
            if (status !== stage) return undefined;
            const found = await stageInFlight(db.pool, db.name);
            // In the allocation, wait for its long statement (the members' shares).
            if (stage === 'confirming' && found && !/member_allocations/.test(found.query) && found.ms < 500)
              return undefined;
            return found;
          },
          { everyMs: 10, ignoreErrors: true },
        );
        if (inFlight === 'missed') {
          missed.push(stage); // the stage committed between two polls: no kill inside it
          continue;
        }
        worker.child.kill('SIGKILL');
        await worker.exited;
        const killedAt = Date.now();
        // Nothing of the killed transaction is visible: the status has not moved.
        expect(await cycleStatus(db.pool, gen.cycleId)).toBe(stage);
        worker = spawnApp('worker', env);
        // The new worker takes the stalled job over once its lock expired (cycle queue: 15 s).
        await waitForStatus(db.pool, gen.cycleId, STATUSES[STATUSES.indexOf(stage) + 1], RUN_MS);
        kills.push({
          status: stage,
          query: inFlight.query.replace(/\s+/g, ' ').slice(0, 50),
          transactionMs: inFlight.ms,
          recoveryMs: Date.now() - killedAt,
        });
      }
      // The lock and the allocation are long statements on this cycle: those two kills land.
      expect(kills.map((k) => k.status)).toEqual(expect.arrayContaining(['open', 'confirming']));
      await waitForStatus(db.pool, gen.cycleId, 'dispatched', RUN_MS).catch((error: Error) => {
        throw new Error(`${error.message}\n${worker.output()}`);
      });
      await eventsWritten(db.pool, gen.cycleId, RUN_MS);
      const ms = Date.now() - started;
      await worker.stop('SIGTERM');
      const crashed = await digestOf(db, gen.cycleId);
      expect(crashed.breaches).toEqual(clean.breaches);
      expect(crashed.rows).toEqual(clean.rows);
      expect(crashed.digests).toEqual(clean.digests);
      report('worker SIGKILL', {
        lines: gen.lines,
        kills,
        missed,
        ms,
        rowsCompared: Object.values(crashed.rows).reduce((a, b) => a + b, 0),
      });
    },
    3 * RUN_MS,
  );

  it(
    'two worker processes and every stage job delivered three times: one effect each, one mail per notification',
    async () => {
      const db = await copy('twice');
      const smtp = await startSmtpServer();
      const prefix = 'twice';
      const env = {
        databaseUrl: db.url,
        redisUrl: redis.url,
        queuePrefix: prefix,
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      };
      const workers = [spawnApp('worker', env), spawnApp('worker', env)];
      const queue = new Queue(QueueName.Cycle, { connection: { url: redis.url }, prefix });
      const duplicated: string[] = [];
      const eventsDuplicated: string[] = [];
      try {
        await makeDue(db.pool, gen.cycleId);
        // Whenever the cycle shows a status, two more copies of its stage job go in under ids of
        // their own, on top of the clock's: three deliveries of every stage, on two processes.
        for (;;) {
          const status = await cycleStatus(db.pool, gen.cycleId);
          if (!duplicated.includes(status) && status !== 'dispatched') {
            duplicated.push(status);
            for (const copyNumber of [1, 2]) {
              await queue.add(
                JobName.RunStage,
                { cycleId: gen.cycleId, fromStatus: status },
                { ...JOB_OPTIONS[JobName.RunStage], jobId: `copy-${status}-${copyNumber}` },
              );
            }
          }
          // The same for the events the stages record: each event's job three times too.
          const { rows: events } = await db.pool.query(`SELECT kind FROM people_events WHERE cycle_id = $1`, [
            gen.cycleId,
          ]);
          for (const { kind } of events as { kind: string }[]) {
            if (eventsDuplicated.includes(kind)) continue;
            eventsDuplicated.push(kind);
            for (const copyNumber of [1, 2]) {
              await queue.add(
                JobName.WritePeopleEvent,
                { cycleId: gen.cycleId, kind },
                { ...JOB_OPTIONS[JobName.WritePeopleEvent], jobId: `copy-${kind}-${copyNumber}` },
              );
            }
          }
          if (status === 'dispatched') break;
          if (!workers.every((w) => w.running())) throw new Error(`a worker exited: ${workers[0].output()}`);
          await sleep(50);
        }
        await eventsWritten(db.pool, gen.cycleId, RUN_MS);
        const { rows: emails } = await db.pool.query(
          `SELECT id, target FROM notifications WHERE cycle_id = $1 AND channel = 'email'`,
          [gen.cycleId],
        );
        // Every notification is delivered once: one 'sent' attempt each and one mail each.
        await until(
          'every mail',
          60_000,
          async () => (smtp.mails.length >= emails.length ? true : undefined),
          { ignoreErrors: true },
        );
        const { rows: attempts } = await db.pool.query(
          `SELECT n.status, count(a.*)::int AS attempts FROM notifications n
           LEFT JOIN notification_attempts a ON a.notification_id = n.id
          WHERE n.cycle_id = $1 GROUP BY n.id, n.status`,
          [gen.cycleId],
        );
        expect(
          attempts.every(
            (a: { status: string; attempts: number }) => a.status === 'sent' && a.attempts === 1,
          ),
        ).toBe(true);
        // Give a late duplicate the time to show up before counting.
        await sleep(3000);
        expect(smtp.mails).toHaveLength(emails.length);
        expect(smtp.mails.map((m) => m.to.join(',')).sort()).toEqual(
          emails.map((e: { target: string }) => e.target).sort(),
        );
        await Promise.all(workers.map((w) => w.stop('SIGTERM')));
        const twice = await digestOf(db, gen.cycleId);
        expect(twice.rows).toEqual(clean.rows);
        expect(twice.digests).toEqual(clean.digests);
        report('two workers, stage jobs ×3', {
          lines: gen.lines,
          statusesDuplicated: duplicated,
          eventsDuplicated,
          extraJobs: (duplicated.length + eventsDuplicated.length) * 2,
          notifications: attempts.length,
          mails: smtp.mails.length,
          rowsCompared: Object.values(twice.rows).reduce((a, b) => a + b, 0),
        });
      } finally {
        await queue.close();
        await smtp.close();
      }
    },
    2 * RUN_MS,
  );
});
