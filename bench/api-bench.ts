import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { findFreePort } from '../src/infra/free-port';
import { hashPassword } from '../src/users/password';
import { generateBenchData, type BenchData } from './bench-data';
import { choiceArg, cpuReferenceMs, intArg, say, sleep } from './bench-support';

/**
 * `npm run bench:api`: the API under autocannon, against an app started here as a child
 * process (`node dist/main.js`, APP_ROLE=api, LOG_LEVEL=warn) on a database holding a month
 * of --lines member pledge lines (default 1,000,000). Endpoints, one after the other, each
 * after a short warm-up: PUT …/members/:memberId/pledges for distinct members (an admin may
 * write any member's pledges), GET …/commitments as coordinators (their own group) and as
 * an admin (every group), and GET /health as the framework's baseline. Tokens are made
 * before measuring: neither argon2 nor the login limit is on the measured path. The last
 * line on stdout is `{"endpoints":{"<name>":{"rps":…,"p99Ms":…}}}`.
 */
const PASSWORD = 'bench password 1234';

async function user(client: Client, email: string, role: string, groupId: string | null): Promise<void> {
  await client.query(
    `INSERT INTO users (email, password_hash, role, consumer_group_id) VALUES ($1, $2, $3, $4)`,
    [email, await hashPassword(PASSWORD), role, groupId],
  );
}

async function login(base: string, email: string): Promise<string> {
  const reply = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (reply.status !== 200) throw new Error(`login of ${email}: ${reply.status} ${await reply.text()}`);
  return ((await reply.json()) as { accessToken: string }).accessToken;
}

async function startApp(port: number): Promise<ChildProcess> {
  // BENCH_APP_NODE_ARGS: extra node options for the app (a profiler, when looking for a cause).
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', '..', 'dist', 'main.js')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      APP_ROLE: 'api',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Tokens are made before measuring; the limits themselves are not what is measured.
      LOGIN_MAX_CONSECUTIVE_FAILURES: '10000',
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return child;
    if (Date.now() > deadline) throw new Error('the app did not start within 60 s');
    await sleep(200);
  }
}

interface Measured {
  rps: number;
  p99Ms: number;
}

async function measure(
  name: string,
  base: string,
  seconds: number,
  connections: number,
  request: () => { method: string; path: string; token: string; body?: string },
): Promise<Measured> {
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections,
      duration,
      requests: [
        {
          setupRequest: () => {
            const r = request();
            return {
              method: r.method,
              path: r.path,
              body: r.body,
              headers: {
                authorization: `Bearer ${r.token}`,
                ...(r.body ? { 'content-type': 'application/json' } : {}),
              },
            };
          },
        },
      ],
    });
  say(`${name}: warm-up 2 s`);
  await run(2);
  say(`${name}: ${connections} connections for ${seconds} s`);
  const result = await run(seconds);
  const failed = result.non2xx + result.errors + result.timeouts;
  say(
    `${name}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, max ${result.latency.max} ms, ${result['2xx']} ok, ${failed} failed`,
  );
  if (failed > 0) throw new Error(`${name}: ${failed} requests failed (non-2xx, errors or timeouts)`);
  return { rps: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}

/** The live commitments must still be the sum of the pledges after thousands of concurrent PUTs. */
async function checkLiveCommitments(client: Client, data: BenchData): Promise<void> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM (
       SELECT consumer_group_id, offer_id, quantity FROM live_commitments WHERE cycle_id = $1 AND quantity <> 0
       EXCEPT
       SELECT consumer_group_id, offer_id, sum(quantity) FROM member_pledges WHERE cycle_id = $1
        GROUP BY consumer_group_id, offer_id HAVING sum(quantity) <> 0) d`,
    [data.cycleId],
  );
  if (rows[0].n !== 0) throw new Error(`${rows[0].n} live commitments differ from the sum of the pledges`);
  say('live commitments = Σ pledges after the PUT run');
}

async function main(): Promise<void> {
  const lines = intArg('lines', 1_000_000);
  const seconds = intArg('seconds', 10);
  const connections = intArg('connections', 64);
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  let app: ChildProcess | undefined;
  try {
    const data = await generateBenchData(
      client,
      { lines, groups: 200, offers: 10, cooperatives: 5, vehicleKg: 25_000 },
      say,
    );
    await client.query('VACUUM ANALYZE');
    // Generating a million lines fills the WAL and dirties the cache: PostgreSQL would write
    // that back during the PUT phase (a WAL-triggered checkpoint spreads over minutes), and
    // the PUTs would pay for the data generation. Written now, before anything is measured.
    await client.query('CHECKPOINT');
    // --member-order shuffled (default): distinct members in an order unrelated to where their
    // lines are stored, as independent members act. physical: in the order their lines were
    // written, so the 64 PUTs in flight update the same few pages at once, and most updates
    // find no room left for a heap-only tuple (docs/PERFORMANCE.md, "PUT pledges").
    const order = choiceArg('member-order', ['shuffled', 'physical'], 'shuffled');
    const members: { id: string }[] = (
      await client.query(`SELECT id FROM members ORDER BY ${order === 'shuffled' ? 'md5(id::text)' : 'id'}`)
    ).rows;
    const coordinatorGroups = data.groupIds.slice(0, 20);
    await user(client, 'admin@bench.example', 'admin', null);
    for (const [i, groupId] of coordinatorGroups.entries())
      await user(client, `coordinator-${i}@bench.example`, 'coordinator', groupId);
    const port = await findFreePort(3900);
    say(`starting the app (APP_ROLE=api, LOG_LEVEL=warn) on port ${port}`);
    app = await startApp(port);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const admin = await login(base, 'admin@bench.example');
    const coordinators = await Promise.all(
      coordinatorGroups.map((_, i) => login(base, `coordinator-${i}@bench.example`)),
    );
    let next = 0;
    // The n-th PUT pledges 1 + (n + o) % 5 on offer o: five bodies, made once, so that the
    // load generator spends its share of the two cores sending, not serialising.
    const bodies = [0, 1, 2, 3, 4].map((n) =>
      JSON.stringify({
        lines: data.offerIds.map((offerId, o) => ({ offerId, quantity: 1 + ((n + o) % 5) })),
      }),
    );
    const put = () => {
      const n = next++;
      const memberId = members[n % members.length].id;
      return {
        method: 'PUT',
        path: `/api/v1/seasons/${data.seasonId}/members/${memberId}/pledges`,
        token: admin,
        body: bodies[n % 5],
      };
    };
    const cpuBefore = cpuReferenceMs('before');
    const endpoints: Record<string, Measured> = {};
    // --only put|commitments|admin|health: one endpoint (when profiling one).
    const only = choiceArg('only', ['put', 'commitments', 'admin', 'health'], null);
    const wanted = (key: string) => only === null || only === key;
    if (wanted('put')) {
      endpoints['PUT /seasons/:id/members/:memberId/pledges'] = await measure(
        'PUT pledges',
        base,
        seconds,
        connections,
        put,
      );
      say(`${next} PUTs for ${Math.min(next, members.length)} distinct members, ${order} order`);
      await checkLiveCommitments(client, data);
      // The PUT phase leaves dirty pages that PostgreSQL writes back over the next minutes
      // (spread checkpoints): written now, they do not land on the reads measured next. (The
      // first session blamed them for slow reads after the writes; the cause was the reads'
      // plan, docs/PERFORMANCE.md section 6.)
      await client.query('CHECKPOINT');
    }
    let turn = 0;
    if (wanted('commitments'))
      endpoints['GET /seasons/:id/commitments'] = await measure(
        'GET commitments (coordinator, own group)',
        base,
        seconds,
        connections,
        () => ({
          method: 'GET',
          path: `/api/v1/seasons/${data.seasonId}/commitments`,
          token: coordinators[turn++ % coordinators.length],
        }),
      );
    if (wanted('admin'))
      endpoints['GET /seasons/:id/commitments (admin, all groups)'] = await measure(
        'GET commitments (admin, all groups)',
        base,
        seconds,
        connections,
        () => ({ method: 'GET', path: `/api/v1/seasons/${data.seasonId}/commitments`, token: admin }),
      );
    if (wanted('health'))
      endpoints['GET /health'] = await measure('GET /health', base, seconds, connections, () => ({
        method: 'GET',
        path: '/api/v1/health',
        token: admin,
      }));
    if (process.env.BENCH_APP_NODE_ARGS) app.kill('SIGUSR2'); // a profiler's cue, when one is loaded
    const cpu = { before: cpuBefore, after: cpuReferenceMs('after') };
    process.stdout.write(
      `${JSON.stringify({ pledgeLines: data.lines, memberOrder: order, endpoints, cpuReferenceMs: cpu })}\n`,
    );
  } finally {
    app?.kill('SIGTERM');
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
