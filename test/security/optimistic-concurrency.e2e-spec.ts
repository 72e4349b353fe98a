import { isolatedDatabase } from '../support/isolated-database';
import { Api, type Reply } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
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
  let api: Api;
  let w: World;
  let tokens: WorldTokens;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_race');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, dbPoolSize: 10 });
    api = new Api(t.app);
    const admin = await adminToken(api, t.dataSource);
    w = await buildWorld(t, api, admin);
    tokens = await worldTokens(api, admin, w);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  /** One versioned write (a confirmation, a receipt) of the same lines shape. */
  type Write = (body: { lines: { offerId: string; quantity: number }[]; version: number }) => Promise<Reply>;

  async function race(write: Write, version: number, quantities: number[], offerId: string) {
    const replies = await Promise.all(
      quantities.map((quantity) => write({ lines: [{ offerId, quantity }], version })),
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
    const offerId = w.season.offers[0].id;
    let version = (
      await api.as(tokens.cooperative).put('/cycles/{id}/confirmations/{cooperativeId}', {
        params: { id: w.cycles.confirming, cooperativeId: w.cooperativeId },
        body: { lines: [{ offerId, quantity: 1 }] },
      })
    ).body.version;
    for (let round = 0; round < ROUNDS; round += 1) {
      const quantities = Array.from({ length: RACERS }, (_, i) => i + 1);
      const outcome = await race(
        (body) =>
          api.as(tokens.cooperative).put('/cycles/{id}/confirmations/{cooperativeId}', {
            params: { id: w.cycles.confirming, cooperativeId: w.cooperativeId },
            body,
          }),
        version,
        quantities,
        offerId,
      );
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
    const { offerId, quantity: allocated } = w.receiptLines[0];
    let version = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const quantities = Array.from({ length: RACERS }, (_, i) => Math.max(0, allocated - i));
      const outcome = await race(
        (body) =>
          api.as(tokens.coordinator).put('/cycles/{id}/receipts/{consumerGroupId}', {
            params: { id: w.cycles.dispatched, consumerGroupId: w.groupId },
            body,
          }),
        version,
        quantities,
        offerId,
      );
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
