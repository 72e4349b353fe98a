import { isolatedDatabase } from '../support/isolated-database';
import { adminToken, Http, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, worldTokens, type World, type WorldTokens } from './world';

/**
 * Optimistic versions under a race: RACERS requests carrying the same (current) version arrive
 * at once; exactly one wins (200) and the others answer 409, the stored version moves by one
 * and the stored lines are the winner's. The single-request cases (a stale version answers 409)
 * are in test/cycles/monthly-cycle.e2e-spec.ts and test/settlement/receipts.e2e-spec.ts.
 */
const RACERS = 12;
const ROUNDS = 3;

describe('optimistic concurrency under a race', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let http: Http;
  let w: World;
  let tokens: WorldTokens;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_race');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, dbPoolSize: 10 });
    http = new Http(t.app);
    const admin = await adminToken(http, t.dataSource);
    w = await buildWorld(t, http, admin);
    tokens = await worldTokens(http, admin, w);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  async function race(url: string, token: string, version: number, quantities: number[], offerId: string) {
    const replies = await Promise.all(
      quantities.map((quantity) => http.as(token).put(url, { lines: [{ offerId, quantity }], version })),
    );
    const statuses = replies.map((r) => r.status).sort();
    const winners = replies.filter((r) => r.status === 200);
    return {
      statuses,
      winner: winners[0],
      winners: winners.length,
      conflicts: statuses.filter((s) => s === 409).length,
    };
  }

  it(`confirmations: of ${RACERS} writes of the same version exactly one wins, ${ROUNDS} rounds running`, async () => {
    const url = `/api/v1/cycles/${w.cycles.confirming}/confirmations/${w.cooperativeId}`;
    const offerId = w.season.offers[0].id;
    let version = (await http.as(tokens.cooperative).put(url, { lines: [{ offerId, quantity: 1 }] })).body
      .version;
    for (let round = 0; round < ROUNDS; round += 1) {
      const quantities = Array.from({ length: RACERS }, (_, i) => i + 1);
      const outcome = await race(url, tokens.cooperative, version, quantities, offerId);
      expect({ winners: outcome.winners, conflicts: outcome.conflicts }).toEqual({
        winners: 1,
        conflicts: RACERS - 1,
      });
      expect(outcome.winner.body.version).toBe(version + 1);
      const [stored] = await t.dataSource.query(
        `SELECT c.version, o.confirmed::int AS confirmed FROM cooperative_confirmations c
           JOIN cycle_offers o ON o.cycle_id = c.cycle_id AND o.offer_id = $3
          WHERE c.cycle_id = $1 AND c.cooperative_id = $2`,
        [w.cycles.confirming, w.cooperativeId, offerId],
      );
      expect(stored).toEqual({ version: version + 1, confirmed: outcome.winner.body.lines[0].quantity });
      version += 1;
    }
  });

  it(`receipts: of ${RACERS} reports of the same version exactly one wins, ${ROUNDS} rounds running`, async () => {
    const url = `/api/v1/cycles/${w.cycles.dispatched}/receipts/${w.groupId}`;
    const { offerId, quantity: allocated } = w.receiptLines[0];
    let version = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const quantities = Array.from({ length: RACERS }, (_, i) => Math.max(0, allocated - i));
      const outcome = await race(url, tokens.coordinator, version, quantities, offerId);
      expect({ winners: outcome.winners, conflicts: outcome.conflicts }).toEqual({
        winners: 1,
        conflicts: RACERS - 1,
      });
      expect(outcome.winner.body.version).toBe(version + 1);
      const stored = await t.dataSource.query(
        `SELECT r.version, l.received::int AS quantity FROM group_receipts r
           JOIN receipt_lines l ON l.cycle_id = r.cycle_id AND l.consumer_group_id = r.consumer_group_id
          WHERE r.cycle_id = $1 AND r.consumer_group_id = $2 AND l.offer_id = $3`,
        [w.cycles.dispatched, w.groupId, offerId],
      );
      const won = outcome.winner.body.lines.find((l: { offerId: string }) => l.offerId === offerId);
      expect(stored).toEqual([{ version: version + 1, quantity: won.received }]);
      version += 1;
    }
  });
});
