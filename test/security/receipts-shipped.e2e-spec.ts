import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { isolatedDatabase } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { vanCycle, type VanCycle } from './van-cycle';

/**
 * F8 (docs/SECURITY.md): what a group may report as received is capped by what was shipped to
 * it (the shipment lines of the group × offer), not by its allocation. Goods that no vehicle took
 * are neither receivable, billed to members nor paid to the cooperative.
 */
describe('receipts cap at what was shipped', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let s: VanCycle;
  const key = (l: { consumerGroupId: string; offerId: string }) => `${l.consumerGroupId}:${l.offerId}`;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_security_shipped');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, role: 'api' });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    s = await vanCycle(t, api, admin);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('left goods in no vehicle and shipped others (the premise)', () => {
    expect(s.unplaced.length).toBeGreaterThan(0);
    expect(s.shipped.length).toBeGreaterThan(0);
  });

  it('lists only what was shipped to the group as receivable', async () => {
    for (const groupId of s.r.groupIds) {
      const reply = await api.as(admin).get('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: s.cycleId, consumerGroupId: groupId },
      });
      expect(reply.status).toBe(200);
      const shipped = s.shipped.filter((l) => l.consumerGroupId === groupId);
      expect(
        reply.body.lines.map((l: { offerId: string; shipped: number }) => ({
          offerId: l.offerId,
          shipped: l.shipped,
        })),
      ).toEqual(shipped.map((l) => ({ offerId: l.offerId, shipped: l.units })));
    }
  });

  it('refuses a receipt of goods no vehicle took, writing nothing', async () => {
    for (const unplaced of s.unplaced) {
      const units = s.allocations.find((a) => key(a) === key(unplaced))!.allocated;
      const reply = await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: s.cycleId, consumerGroupId: unplaced.consumerGroupId },
        body: {
          lines: [{ offerId: unplaced.offerId, quantity: units }],
        },
      });
      // 400 naming the line when something else was shipped to the group, 422 when nothing was.
      if (s.shipped.some((l) => l.consumerGroupId === unplaced.consumerGroupId)) {
        expect(reply.status).toBe(400);
        expect(reply.body.message).toMatch(/^lines\.0\.offerId: not an offer shipped/);
      } else {
        expect(reply.status).toBe(422);
        expect(reply.body.message).toMatch(/nothing was shipped/);
      }
    }
    const [{ n }] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM receipt_lines WHERE cycle_id = $1) + (SELECT count(*) FROM group_receipts WHERE cycle_id = $1) AS n`,
      [s.cycleId],
    );
    expect(Number(n)).toBe(0);
  });

  it('bills and pays only what was shipped and received', async () => {
    const groups = [...new Set(s.shipped.map((l) => l.consumerGroupId))];
    for (const groupId of groups) {
      const lines = s.shipped
        .filter((l) => l.consumerGroupId === groupId)
        .map((l) => ({ offerId: l.offerId, quantity: l.units }));
      const reply = await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: s.cycleId, consumerGroupId: groupId },
        body: { lines },
      });
      expect(reply.status).toBe(200);
    }
    // A group that got nothing shipped has nothing to report: the cycle does not wait for it.
    const [{ status }] = await t.dataSource.query(`SELECT status FROM cycles WHERE id = $1`, [s.cycleId]);
    expect(status).toBe('received');
    expect(await t.app.get(StageRunner).run(s.cycleId, 'received')).toBe('moved');
    const statements = (await api.as(admin).get('/cycles/{id}/statements', { params: { id: s.cycleId } }))
      .body;
    const shippedUnits = s.shipped.reduce((total, l) => total + l.units, 0);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    // Every offer costs 450 minor units.
    expect(sum(statements.members.map((m: { goodsMinor: number }) => m.goodsMinor))).toBe(shippedUnits * 450);
    expect(sum(statements.cooperatives.map((c: { dueMinor: number }) => c.dueMinor))).toBe(
      shippedUnits * 450,
    );
    const [{ billed }] = await t.dataSource.query(
      `SELECT count(*)::int AS billed FROM member_receipts mr
         JOIN unplaced_goods u USING (cycle_id, consumer_group_id, offer_id)
        WHERE mr.cycle_id = $1 AND mr.received > 0`,
      [s.cycleId],
    );
    expect(billed).toBe(0);
  });
});
