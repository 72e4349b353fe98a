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
import { until } from '../support/wait';
import { apiUrl } from '../support/api';

const MEMBERS = 600;

describe('the API process killed with SIGKILL during a burst of pledge writes', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let season: PledgeSeason;
  let admin: string;

  beforeAll(async () => {
    ({ redis, db, season, admin } = await pledgeWorld('proxima_faults_api', {
      members: MEMBERS,
      products: 10,
      months: 3,
    }));
  }, 120_000);

  afterAll(async () => {
    await killAll();
    await db?.drop();
  }, 60_000);

  it('leaves every member with one whole body of lines: the old one or the new one, never a mix', async () => {
    const env = { databaseUrl: db.url, redisUrl: redis.url, queuePrefix: 'api-crash' };
    const api = await startApi(env);
    // Each member's standing PUT replaces its lines in 3 open months × 20 offers (60 rows) with
    // the marker quantity 1000 + its index; before, every line holds 1.
    const marker = (i: number) => 1000 + i;
    const answered = new Map<string, number>();
    const failed = new Set<string>();
    const put = async (base: string, memberId: string, i: number) => {
      try {
        const reply = await fetch(
          `${base}${apiUrl('/seasons/{id}/members/{memberId}/pledges', { id: season.seasonId, memberId })}`,
          {
            method: 'PUT',
            headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              lines: season.offerIds.map((offerId) => ({ offerId, quantity: marker(i) })),
            }),
            signal: AbortSignal.timeout(60_000),
          },
        );
        answered.set(memberId, reply.status);
        await reply.arrayBuffer();
      } catch {
        failed.add(memberId); // the connection died with the process
      }
    };
    const burst = Promise.all(season.memberIds.map((memberId, i) => put(api.base, memberId, i)));
    // Kill once a share of the writes answered, with the rest still in flight.
    await until('the first 100 answers', 60_000, async () => (answered.size >= 100 ? true : undefined), {
      everyMs: 5,
      ignoreErrors: true,
    });
    api.proc.child.kill('SIGKILL');
    await api.proc.exited;
    await burst;
    const ok = [...answered].filter(([, status]) => status === 200).map(([id]) => id);
    expect(ok.length).toBeGreaterThanOrEqual(100);
    expect([...answered.values()].every((status) => status === 200)).toBe(true);
    expect(failed.size).toBeGreaterThan(0); // some were in flight when the process died

    const bodies = await pledgeBodies(db.pool, season.seasonId);
    const index = new Map(season.memberIds.map((id, i) => [id, i]));
    let whole = 0;
    let replaced = 0;
    const broken: string[] = [];
    for (const memberId of season.memberIds) {
      const body = bodies.get(memberId);
      const i = index.get(memberId)!;
      const oneBody =
        body?.rows === season.linesPerMember &&
        body.quantities.length === 1 &&
        [1, marker(i)].includes(body.quantities[0]);
      // An acknowledged write is stored.
      const durable = answered.get(memberId) !== 200 || body?.quantities[0] === marker(i);
      if (oneBody && durable) whole += 1;
      else broken.push(`${memberId}: ${JSON.stringify(body)} (answered ${answered.get(memberId)})`);
      if (body?.quantities[0] === marker(i)) replaced += 1;
    }
    expect(broken).toEqual([]);
    expect(whole).toBe(MEMBERS);
    // The groups' live commitments moved with exactly the transactions that committed.
    expect(await liveCommitmentBreaches(db.pool, season.seasonId)).toBe(0);

    // A new process serves again and the unanswered writes can be sent again.
    const again = await startApi(env);
    const resent = season.memberIds.filter((id) => failed.has(id));
    answered.clear();
    await Promise.all(resent.map((id) => put(again.base, id, index.get(id)!)));
    expect([...answered.values()].filter((status) => status === 200)).toHaveLength(resent.length);
    const after = await pledgeBodies(db.pool, season.seasonId);
    expect(season.memberIds.every((id, i) => after.get(id)?.quantities.join() === String(marker(i)))).toBe(
      true,
    );
    expect(await liveCommitmentBreaches(db.pool, season.seasonId)).toBe(0);
    await again.proc.stop('SIGTERM');
    report('API SIGKILL during pledge PUTs', {
      requests: MEMBERS,
      answered200BeforeKill: ok.length,
      inFlightAtKill: failed.size,
      unansweredButStored: replaced - ok.length,
      keptOldBody: MEMBERS - replaced,
      rowsPerBody: season.linesPerMember,
      membersChecked: MEMBERS,
      rowsChecked: MEMBERS * season.linesPerMember,
    });
  }, 180_000);
});
