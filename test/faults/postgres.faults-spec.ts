import { Client } from 'pg';
import {
  killAll,
  liveCommitmentBreaches,
  pledgeBodies,
  pledgeWorld,
  report,
  startApi,
  type PledgeSeason,
  type RedisServer,
  type TestDatabase,
} from './support';
import { sleep, until } from '../support/wait';
import { apiUrl } from '../support/api';

const CLIENTS = 16;
const MEMBERS = 160; // 10 per client: a member's writes come from one client, in order
const FAULTS = 6;

interface Put {
  memberId: string;
  marker: number;
  status: number;
}

describe('PostgreSQL connections terminated during traffic', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let season: PledgeSeason;
  let admin: string;

  beforeAll(async () => {
    ({ redis, db, season, admin } = await pledgeWorld('proxima_faults_pg', {
      members: MEMBERS,
      products: 5,
      months: 2,
    }));
  }, 120_000);

  afterAll(async () => {
    await killAll();
    await db?.drop();
  }, 60_000);

  it('answers 503 (never 500) while they drop, reconnects by itself, and loses or duplicates no write', async () => {
    const api = await startApi({ databaseUrl: db.url, redisUrl: redis.url, queuePrefix: 'pg' });
    const auth = { authorization: `Bearer ${admin}` };
    const statuses = new Map<number, number>();
    const puts: Put[] = [];
    let marker = 1000;
    let stop = false;
    const request = async (method: string, path: string, body?: unknown): Promise<number> => {
      const reply = await fetch(`${api.base}${path}`, {
        method,
        headers: body ? { ...auth, 'content-type': 'application/json' } : auth,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      await reply.arrayBuffer();
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      return reply.status;
    };
    const client = async (c: number) => {
      const mine = season.memberIds.slice(c * (MEMBERS / CLIENTS), (c + 1) * (MEMBERS / CLIENTS));
      for (let n = 0; !stop; n += 1) {
        const memberId = mine[n % mine.length];
        if (n % 3 === 2) {
          await request(
            'GET',
            apiUrl('/seasons/{id}/members/{memberId}/pledges', { id: season.seasonId, memberId }),
          );
          await request('GET', apiUrl('/territories', {}, { limit: 5 }));
        } else {
          const value = (marker += 1);
          const status = await request(
            'PUT',
            apiUrl('/seasons/{id}/members/{memberId}/pledges', { id: season.seasonId, memberId }),
            {
              lines: season.offerIds.map((offerId) => ({ offerId, quantity: value })),
            },
          );
          puts.push({ memberId, marker: value, status });
        }
      }
    };
    const traffic = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

    const killer = new Client({ connectionString: process.env.DATABASE_URL });
    await killer.connect();
    const faults: { terminated: number; recoveredMs: number }[] = [];
    try {
      for (let f = 0; f < FAULTS; f += 1) {
        await sleep(1500);
        const { rows } = await killer.query(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
             FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [db.name],
        );
        const at = Date.now();
        // The app answers again by itself: a read that reaches the database.
        await until(
          'a 200 after the fault',
          30_000,
          async () => {
            const reply = await fetch(`${api.base}${apiUrl('/territories', {}, { limit: 1 })}`, {
              headers: auth,
            });
            return reply.status === 200 ? true : undefined;
          },
          { everyMs: 20, ignoreErrors: true },
        );
        faults.push({ terminated: rows[0].n, recoveredMs: Date.now() - at });
      }
      await sleep(1000);
    } finally {
      stop = true;
      await killer.end();
    }
    await traffic;
    expect(api.proc.running()).toBe(true);

    // Only 200 and 503: a dropped connection is "unavailable", never an internal error.
    if (statuses.has(500)) throw new Error(`answered 500: ${api.proc.output().slice(-6000)}`);
    expect([...statuses.keys()].sort()).toEqual(statuses.has(503) ? [200, 503] : [200]);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(faults.every((f) => f.terminated > 0)).toBe(true);
    expect(api.proc.output()).not.toMatch(/Internal server error|ECONNRESET|unhandled/i);

    // Every member holds one whole body: its last 200 write, or a later write that answered
    // 503 after its commit (the connection died on the way back); never a mix, never less.
    const bodies = await pledgeBodies(db.pool, season.seasonId);
    const byMember = new Map<string, Put[]>();
    for (const put of puts) byMember.set(put.memberId, [...(byMember.get(put.memberId) ?? []), put]);
    const broken: string[] = [];
    let committedDespite503 = 0;
    for (const memberId of season.memberIds) {
      const body = bodies.get(memberId);
      const history = byMember.get(memberId) ?? [];
      const lastOk = history.map((p) => p.status).lastIndexOf(200);
      const allowed = [
        lastOk >= 0 ? history[lastOk].marker : 1,
        ...history.slice(lastOk + 1).map((p) => p.marker),
      ];
      const stored = body?.quantities.length === 1 ? body.quantities[0] : undefined;
      if (body?.rows !== season.linesPerMember || stored === undefined || !allowed.includes(stored)) {
        broken.push(`${memberId}: ${JSON.stringify(body)} allowed ${allowed.join(',')}`);
      } else if (stored !== allowed[0]) committedDespite503 += 1;
    }
    expect(broken).toEqual([]);
    expect(await liveCommitmentBreaches(db.pool, season.seasonId)).toBe(0);

    const health = await fetch(`${api.base}${apiUrl('/health')}`);
    expect(health.status).toBe(200);
    await api.proc.stop('SIGTERM');
    report('PostgreSQL backends terminated', {
      requests: [...statuses.values()].reduce((a, b) => a + b, 0),
      statuses: Object.fromEntries(statuses),
      puts: puts.length,
      faults,
      committedDespite503,
      membersChecked: MEMBERS,
      rowsChecked: MEMBERS * season.linesPerMember,
    });
  }, 180_000);
});
