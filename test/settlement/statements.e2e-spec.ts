import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { isolatedDatabase } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import {
  allocatedCycle,
  allocationOf,
  dispatch,
  fullReport,
  SHIPMENT_COSTS,
  type AllocatedCycle,
} from './dispatched-cycle';
import { parseCsv } from '../support/csv';

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/**
 * Settlement (cycle step 7) and the statements: they add up to the minor unit, each party sees
 * its own part, the CSV says the same as the JSON, and the stage run twice writes nothing new.
 */
describe('settlement and statements', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let s: AllocatedCycle;
  let shipmentIds: string[];

  const statementCounts = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM member_statements WHERE cycle_id = $1)::int AS members,
              (SELECT count(*) FROM cooperative_statements WHERE cycle_id = $1)::int AS cooperatives,
              (SELECT coalesce(sum(total_minor), 0) FROM member_statements WHERE cycle_id = $1)::text AS total`,
      [s.cycleId],
    );
    return row;
  };

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_statements');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, role: 'api' });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    s = await allocatedCycle(t, api, admin);
    shipmentIds = await dispatch(t.dataSource, s);
    const [g0, g1] = s.r.groupIds;
    // g0: everything arrived; g1: o1 short by 5 (shared among its members). Both report at
    // once: whichever commits last still sees the other's report and moves the cycle on.
    const short = fullReport(s, g1).map((l) =>
      l.offerId === s.offers.o1 ? { ...l, quantity: l.quantity - 5 } : l,
    );
    const replies = await Promise.all([
      api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: s.cycleId, consumerGroupId: g0 },
        body: { lines: fullReport(s, g0) },
      }),
      api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: s.cycleId, consumerGroupId: g1 },
        body: { lines: short },
      }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(replies.map((r) => r.body.cycleStatus).sort()).toEqual(['dispatched', 'received']);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM cycles WHERE id = $1`, [s.cycleId]);
    expect(status).toBe('received');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('answers 422 before the cycle is settled', async () => {
    const reply = await api.as(admin).get('/cycles/{id}/statements', { params: { id: s.cycleId } });
    expect(reply.status).toBe(422);
    expect(reply.body.message).toMatch(/settled/);
    expect(
      (await api.as(admin).get('/cycles/{id}/statements.csv', { params: { id: s.cycleId } })).status,
    ).toBe(422);
  });

  it('settles once: a second run finds nothing to do and writes nothing', async () => {
    const runner = t.app.get(StageRunner);
    const settlement = { settle: (cycleId: string) => runner.run(cycleId, 'received') };
    const outcomes = await Promise.all([settlement.settle(s.cycleId), settlement.settle(s.cycleId)]);
    expect(outcomes.sort()).toEqual(['moved', 'nothing-to-do']);
    const first = await statementCounts();
    expect(await settlement.settle(s.cycleId)).toBe('nothing-to-do');
    expect(await statementCounts()).toEqual(first);
    expect(first.members).toBe(s.r.membersByGroup.flat().length);
    expect(first.cooperatives).toBe(2);
    const [cycle] = await t.dataSource.query(`SELECT status, settled_at FROM cycles WHERE id = $1`, [
      s.cycleId,
    ]);
    expect(cycle.status).toBe('settled');
    expect(cycle.settled_at).not.toBeNull();
  });

  it('adds up to the minor unit (admin sees everything)', async () => {
    const reply = await api.as(admin).get('/cycles/{id}/statements', { params: { id: s.cycleId } });
    expect(reply.status).toBe(200);
    const { members, cooperatives, totals } = reply.body;
    expect(members).toHaveLength(6);
    expect(cooperatives).toHaveLength(2);
    // goods: Σ members = Σ cooperatives = Σ received × price (every offer costs 450)
    const [{ received }] = await t.dataSource.query(
      `SELECT sum(received)::int AS received FROM member_receipts WHERE cycle_id = $1`,
      [s.cycleId],
    );
    const allocated = sum(s.allocations.map((a) => a.allocated));
    expect(received).toBe(allocated - 5);
    const goods = sum(members.map((m: { goodsMinor: number }) => m.goodsMinor));
    expect(goods).toBe(received * 450);
    expect(sum(cooperatives.map((c: { dueMinor: number }) => c.dueMinor))).toBe(goods);
    // transport: Σ members = Σ shipments' cost, nobody left out
    const transport = sum(members.map((m: { transportMinor: number }) => m.transportMinor));
    expect(transport).toBe(sum(SHIPMENT_COSTS));
    for (const m of members) {
      expect(m.totalMinor).toBe(m.goodsMinor + m.transportMinor);
      expect(m.transportMinor).toBeGreaterThan(0);
      expect(m.currency).toBe('EUR');
    }
    // each member's goods from its own receipts
    const perMember = await t.dataSource.query(
      `SELECT member_id AS "memberId", consumer_group_id AS "consumerGroupId", sum(received)::int * 450 AS goods
         FROM member_receipts WHERE cycle_id = $1 GROUP BY 1, 2`,
      [s.cycleId],
    );
    for (const row of perMember) {
      expect(members.find((m: { memberId: string }) => m.memberId === row.memberId)).toMatchObject({
        consumerGroupId: row.consumerGroupId,
        goodsMinor: row.goods,
      });
    }
    // each cooperative in MAD at 10.85, rounded half up once
    for (const c of cooperatives) {
      expect(c).toMatchObject({ currency: 'EUR', producerCurrency: 'MAD' });
      expect(c.dueProducerMinor).toBe(Math.floor((c.dueMinor * 1085 + 50) / 100));
    }
    expect(totals).toEqual({
      goodsMinor: goods,
      transportMinor: transport,
      totalMinor: goods + transport,
      dueMinor: goods,
      dueProducerMinor: sum(cooperatives.map((c: { dueProducerMinor: number }) => c.dueProducerMinor)),
      shipmentsCostMinor: sum(SHIPMENT_COSTS),
      unassignedTransportMinor: 0,
      currency: 'EUR',
      producerCurrency: 'MAD',
    });
    // shipment B carried only g1's lines of o2 and o4: its cost falls on g1's members alone
    const [g0] = s.r.groupIds;
    expect(allocationOf(s, g0, s.offers.o1)).toBeGreaterThan(0);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(DISTINCT consumer_group_id)::int AS n FROM shipment_lines WHERE shipment_id = $1`,
      [shipmentIds[1]],
    );
    expect(n).toBe(1);
  });

  it('shows a member its own line, a coordinator its group, a cooperative its own line', async () => {
    const all = (await api.as(admin).get('/cycles/{id}/statements', { params: { id: s.cycleId } })).body;
    const [g0] = s.r.groupIds;
    const memberId = s.r.membersByGroup[0][1];
    const member = await userToken(api, admin, 'member', { memberId });
    const mine = await api.as(member).get('/cycles/{id}/statements', { params: { id: s.cycleId } });
    expect(mine.status).toBe(200);
    expect(mine.body.members).toEqual(
      all.members.filter((m: { memberId: string }) => m.memberId === memberId),
    );
    expect(mine.body.cooperatives).toEqual([]);
    expect(mine.body.totals).toMatchObject({
      totalMinor: mine.body.members[0].totalMinor,
      dueMinor: 0,
      shipmentsCostMinor: null,
      unassignedTransportMinor: null,
    });

    const coordinator = await userToken(api, admin, 'coordinator', { consumerGroupId: g0 });
    const group = (await api.as(coordinator).get('/cycles/{id}/statements', { params: { id: s.cycleId } }))
      .body;
    expect(group.members).toEqual(
      all.members.filter((m: { consumerGroupId: string }) => m.consumerGroupId === g0),
    );
    expect(group.members).toHaveLength(3);
    expect(group.cooperatives).toEqual([]);

    const cooperativeId = s.r.cooperativeIds[1];
    const cooperative = await userToken(api, admin, 'cooperative', { cooperativeId });
    const coop = (await api.as(cooperative).get('/cycles/{id}/statements', { params: { id: s.cycleId } }))
      .body;
    expect(coop.members).toEqual([]);
    expect(coop.cooperatives).toEqual(
      all.cooperatives.filter((c: { cooperativeId: string }) => c.cooperativeId === cooperativeId),
    );
    expect(coop.totals.dueMinor).toBe(coop.cooperatives[0].dueMinor);
  });

  it('answers 401, 403 to a transporter, 404 to parties outside the season', async () => {
    expect((await api.anonymous().get('/cycles/{id}/statements', { params: { id: s.cycleId } })).status).toBe(
      401,
    );
    expect(
      (await api.anonymous().get('/cycles/{id}/statements.csv', { params: { id: s.cycleId } })).status,
    ).toBe(401);
    const transporter = await userToken(api, admin, 'transporter', {
      transportOrganiserId: s.r.transportOrganiserIds[0],
    });
    expect(
      (await api.as(transporter).get('/cycles/{id}/statements', { params: { id: s.cycleId } })).status,
    ).toBe(403);
    expect(
      (await api.as(transporter).get('/cycles/{id}/statements.csv', { params: { id: s.cycleId } })).status,
    ).toBe(403);
    const outsiders = [
      await userToken(api, admin, 'coordinator', { consumerGroupId: s.r.producerSideGroupId }),
      await userToken(api, admin, 'cooperative', { cooperativeId: s.r.consumerSideCooperativeId }),
    ];
    for (const token of outsiders) {
      expect((await api.as(token).get('/cycles/{id}/statements', { params: { id: s.cycleId } })).status).toBe(
        404,
      );
      expect(
        (await api.as(token).get('/cycles/{id}/statements.csv', { params: { id: s.cycleId } })).status,
      ).toBe(404);
    }
    expect(
      (
        await api
          .as(admin)
          .get('/cycles/{id}/statements', { params: { id: '00000000-0000-4000-8000-000000000000' } })
      ).status,
    ).toBe(404);
  });

  it('serves the same statements as CSV: a header, members then cooperatives, amounts twice', async () => {
    const json = (await api.as(admin).get('/cycles/{id}/statements', { params: { id: s.cycleId } })).body;
    const reply = await api.as(admin).get('/cycles/{id}/statements.csv', { params: { id: s.cycleId } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(reply.text);
    expect(header.slice(0, 5)).toEqual(['kind', 'id', 'consumerGroupId', 'currency', 'goodsMinor']);
    const col = (name: string) => header.indexOf(name);
    const memberRows = rows.filter((r) => r[0] === 'member');
    const coopRows = rows.filter((r) => r[0] === 'cooperative');
    expect(rows.map((r) => r[0])).toEqual([
      ...memberRows.map(() => 'member'),
      ...coopRows.map(() => 'cooperative'),
    ]);
    expect(memberRows.map((r) => r[col('id')])).toEqual(
      json.members.map((m: { memberId: string }) => m.memberId),
    );
    expect(coopRows.map((r) => r[col('id')])).toEqual(
      json.cooperatives.map((c: { cooperativeId: string }) => c.cooperativeId),
    );
    const total = (list: string[][], name: string) => sum(list.map((r) => Number(r[col(name)])));
    expect(total(memberRows, 'goodsMinor')).toBe(json.totals.goodsMinor);
    expect(total(memberRows, 'transportMinor')).toBe(json.totals.transportMinor);
    expect(total(memberRows, 'totalMinor')).toBe(json.totals.totalMinor);
    expect(total(coopRows, 'dueMinor')).toBe(json.totals.dueMinor);
    expect(total(coopRows, 'dueProducerMinor')).toBe(json.totals.dueProducerMinor);
    // decimals: the same amounts with two minor digits (EUR, MAD)
    for (const [minor, decimal] of [
      ['goodsMinor', 'goods'],
      ['transportMinor', 'transport'],
      ['totalMinor', 'total'],
    ]) {
      for (const r of memberRows) expect(r[col(decimal)]).toBe((Number(r[col(minor)]) / 100).toFixed(2));
    }
    for (const r of coopRows) {
      expect(r[col('due')]).toBe((Number(r[col('dueMinor')]) / 100).toFixed(2));
      expect(r[col('dueProducer')]).toBe((Number(r[col('dueProducerMinor')]) / 100).toFixed(2));
      expect(r[col('producerCurrency')]).toBe('MAD');
    }

    const member = await userToken(api, admin, 'member', { memberId: s.r.membersByGroup[1][0] });
    const own = parseCsv(
      (await api.as(member).get('/cycles/{id}/statements.csv', { params: { id: s.cycleId } })).text,
    );
    expect(own).toHaveLength(2);
    expect(own[1][col('id')]).toBe(s.r.membersByGroup[1][0]);
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = (await api.anonymous().request('GET', '/docs-json')).body;
    const csv = doc.paths['/api/v1/cycles/{id}/statements.csv'].get;
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
    expect(doc.paths['/api/v1/cycles/{id}/statements'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/cycles/{id}/receipts/{consumerGroupId}'].put.requestBody).toBeDefined();
    expect(doc.components.schemas.StatementsDto.properties).toHaveProperty('totals');
    expect(doc.components.schemas.ReceiptDto.properties).toHaveProperty('version');
  });
});
