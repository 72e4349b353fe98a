import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { isolatedDatabase } from '../support/isolated-database';
import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { allocatedCycle, allocationOf, dispatch, fullReport, type AllocatedCycle } from './dispatched-cycle';

/**
 * Reception (cycle step 6): each group's coordinator reports what arrived; the cycle becomes
 * `received` once every group with an allocation has reported. The app runs as the API role
 * on a database of its own, so no clock moves the cycle behind the test's back.
 */
describe('receipts', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let s: AllocatedCycle;
  let g0: string;
  let g1: string;
  let coordinator0: string;
  let coordinator1: string;

  const counts = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM group_receipts WHERE cycle_id = $1)::int AS reports,
              (SELECT count(*) FROM receipt_lines WHERE cycle_id = $1)::int AS lines,
              (SELECT count(*) FROM member_receipts WHERE cycle_id = $1)::int AS members,
              (SELECT coalesce(sum(received), 0) FROM receipt_lines WHERE cycle_id = $1)::int AS received,
              (SELECT string_agg(consumer_group_id || ':' || version, ',' ORDER BY consumer_group_id)
                 FROM group_receipts WHERE cycle_id = $1) AS versions,
              (SELECT status FROM cycles WHERE id = $1) AS status`,
      [s.cycleId],
    );
    return row;
  };

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_receipts');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, role: 'api' });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    s = await allocatedCycle(t, api, admin);
    [g0, g1] = s.r.groupIds;
    coordinator0 = await userToken(api, admin, 'coordinator', { consumerGroupId: g0 });
    coordinator1 = await userToken(api, admin, 'coordinator', { consumerGroupId: g1 });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('allocated two offers or more to each group (the premise of what follows)', () => {
    for (const group of [g0, g1]) expect(fullReport(s, group).length).toBeGreaterThanOrEqual(2);
    expect(allocationOf(s, g0, s.offers.o3)).toBe(0); // o3 stays excluded
  });

  it('takes no receipt before the cycle is dispatched (422, nothing written)', async () => {
    const reply = await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g0 },
      body: { lines: fullReport(s, g0) },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.message).toMatch(/dispatched/);
    expect(
      (
        await api
          .as(coordinator0)
          .get('/cycles/{id}/receipts/{consumerGroupId}', { params: { id: s.cycleId, consumerGroupId: g0 } })
      ).body,
    ).toMatchObject({
      version: 0,
      cycleStatus: 'allocated',
    });
    expect(await counts()).toMatchObject({ reports: 0, lines: 0, members: 0 });
    // Before the group reports, a member's allocation says nothing of what it received.
    const before = await api
      .as(coordinator0)
      .get('/cycles/{id}/allocations', { params: { id: s.cycleId }, query: { limit: 500 } });
    expect(before.body.items.length).toBeGreaterThan(0);
    expect(before.body.items.every((a: { received: unknown }) => a.received === null)).toBe(true);
    await dispatch(t.dataSource, s);
  });

  it('answers 401 without a token, 403 to other roles, 404 for another group or cycle', async () => {
    expect(
      (
        await api.anonymous().put('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { id: s.cycleId, consumerGroupId: g0 },
          body: { lines: [] },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await api
          .anonymous()
          .get('/cycles/{id}/receipts/{consumerGroupId}', { params: { id: s.cycleId, consumerGroupId: g0 } })
      ).status,
    ).toBe(401);
    const member = await userToken(api, admin, 'member', { memberId: s.r.membersByGroup[0][0] });
    const cooperative = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
    for (const token of [member, cooperative]) {
      expect(
        (
          await api.as(token).put('/cycles/{id}/receipts/{consumerGroupId}', {
            params: { id: s.cycleId, consumerGroupId: g0 },
            body: { lines: fullReport(s, g0) },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await api.as(token).get('/cycles/{id}/receipts/{consumerGroupId}', {
            params: { id: s.cycleId, consumerGroupId: g0 },
          })
        ).status,
      ).toBe(403);
    }
    // another group's coordinator: 404, as if the group did not exist
    const foreign = await api.as(coordinator1).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g0 },
      body: { lines: fullReport(s, g0) },
    });
    expect(foreign.status).toBe(404);
    expect(
      (
        await api
          .as(coordinator1)
          .get('/cycles/{id}/receipts/{consumerGroupId}', { params: { id: s.cycleId, consumerGroupId: g0 } })
      ).status,
    ).toBe(404);
    // a coordinator whose group is not enrolled does not see the cycle
    const outsider = await userToken(api, admin, 'coordinator', {
      consumerGroupId: s.r.producerSideGroupId,
    });
    expect(
      (
        await api.as(outsider).put('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { id: s.cycleId, consumerGroupId: s.r.producerSideGroupId },
          body: { lines: [] },
        })
      ).status,
    ).toBe(404);
    // an admin naming a group outside the season, or a cycle that does not exist
    expect(
      (
        await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { id: s.cycleId, consumerGroupId: s.r.producerSideGroupId },
          body: { lines: [] },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { id: '00000000-0000-4000-8000-000000000000', consumerGroupId: g0 },
          body: { lines: [] },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { id: 'not-a-uuid', consumerGroupId: g0 },
          body: { lines: [] },
        })
      ).status,
    ).toBe(400);
    expect(await counts()).toMatchObject({ reports: 0, lines: 0, members: 0 });
  });

  it('rejects bad lines with 400 naming the line, writing nothing', async () => {
    const [first, second] = fullReport(s, g0);
    const cases: [unknown, RegExp][] = [
      [{ lines: [first, { offerId: s.offers.o3, quantity: 1 }] }, /^lines\.1\.offerId/],
      [{ lines: [{ offerId: s.r.productIds[0], quantity: 1 }] }, /^lines\.0\.offerId/],
      [{ lines: [first, { ...second, quantity: second.quantity + 1 }] }, /^lines\.1\.quantity.*surplus/],
      [{ lines: [first, first] }, /^lines\.1\.offerId.*twice/],
      [{ lines: [{ ...first, quantity: -1 }] }, /lines\.0\.quantity/],
      [{ lines: [{ ...first, quantity: 1.5 }] }, /lines\.0\.quantity/],
      [{ lines: [first], extra: true }, /extra/],
      [{ lines: [first], version: -1 }, /version/],
      [{}, /lines/],
    ];
    for (const [body, message] of cases) {
      const reply = await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: s.cycleId, consumerGroupId: g0 },
        body: body as Invalid,
      });
      expect(reply.status).toBe(400);
      expect([reply.body.message].flat().join(' | ')).toMatch(message);
    }
    expect(await counts()).toMatchObject({ reports: 0, lines: 0, members: 0, status: 'dispatched' });
  });

  it('records a full report, then a correction with the right version, and refuses a stale one (409)', async () => {
    const full = await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g0 },
      body: { lines: fullReport(s, g0) },
    });
    expect(full.status).toBe(200);
    expect(full.body).toEqual({
      cycleId: s.cycleId,
      consumerGroupId: g0,
      version: 1,
      lines: fullReport(s, g0).map((l) => ({
        offerId: l.offerId,
        allocated: l.quantity,
        shipped: l.quantity, // every line travels (dispatch by hand)
        received: l.quantity,
      })),
      cycleStatus: 'dispatched',
    });
    expect(
      (
        await api
          .as(coordinator0)
          .get('/cycles/{id}/receipts/{consumerGroupId}', { params: { id: s.cycleId, consumerGroupId: g0 } })
      ).body,
    ).toEqual(full.body);

    // a second first report (version 0) is stale now
    expect(
      (
        await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { id: s.cycleId, consumerGroupId: g0 },
          body: { lines: [], version: 0 },
        })
      ).status,
    ).toBe(409);

    const short = fullReport(s, g0).map((l) =>
      l.offerId === s.offers.o1 ? { ...l, quantity: l.quantity - 3 } : l,
    );
    const corrected = await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g0 },
      body: { lines: short, version: 1 },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.version).toBe(2);
    expect(corrected.body.lines.find((l: { offerId: string }) => l.offerId === s.offers.o1)!.received).toBe(
      allocationOf(s, g0, s.offers.o1) - 3,
    );
    const before = await counts();
    const stale = await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g0 },
      body: { lines: fullReport(s, g0), version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/stale/);
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ reports: 1, status: 'dispatched' });
  });

  it('shows another group as not reported, and moves the cycle to received after the last group', async () => {
    const pending = await api
      .as(coordinator1)
      .get('/cycles/{id}/receipts/{consumerGroupId}', { params: { id: s.cycleId, consumerGroupId: g1 } });
    expect(pending.status).toBe(200);
    expect(pending.body.version).toBe(0);
    expect(pending.body.lines.every((l: { received: number | null }) => l.received === null)).toBe(true);

    // o1 short by one, o2 left out (nothing of it arrived), the rest in full
    const lines = fullReport(s, g1)
      .filter((l) => l.offerId !== s.offers.o2)
      .map((l) => (l.offerId === s.offers.o1 ? { ...l, quantity: l.quantity - 1 } : l));
    const reply = await api.as(coordinator1).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g1 },
      body: { lines },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.cycleStatus).toBe('received');
    expect(reply.body.lines.find((l: { offerId: string }) => l.offerId === s.offers.o2)).toEqual({
      offerId: s.offers.o2,
      allocated: allocationOf(s, g1, s.offers.o2),
      shipped: allocationOf(s, g1, s.offers.o2),
      received: 0,
    });
    const [cycle] = await t.dataSource.query(`SELECT status, received_at FROM cycles WHERE id = $1`, [
      s.cycleId,
    ]);
    expect(cycle.status).toBe('received');
    expect(cycle.received_at).not.toBeNull();
  });

  it('shares each group receipt among its members: sums match, nobody above its allocation', async () => {
    const breaches = await t.dataSource.query(
      `SELECT rl.consumer_group_id, rl.offer_id, rl.received, coalesce(sum(mr.received), 0) AS members
         FROM receipt_lines rl
         LEFT JOIN member_receipts mr USING (cycle_id, consumer_group_id, offer_id)
        WHERE rl.cycle_id = $1
        GROUP BY 1, 2, 3
       HAVING coalesce(sum(mr.received), 0) <> rl.received`,
      [s.cycleId],
    );
    expect(breaches).toEqual([]);
    const [over] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM member_receipts mr
         JOIN member_allocations ma USING (cycle_id, member_id, offer_id)
        WHERE mr.cycle_id = $1 AND (mr.received > ma.allocated OR mr.consumer_group_id <> ma.consumer_group_id)`,
      [s.cycleId],
    );
    expect(over.n).toBe(0);
    const [rows] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM member_receipts WHERE cycle_id = $1)::int AS receipts,
              (SELECT count(*) FROM member_allocations WHERE cycle_id = $1 AND allocated > 0)::int AS allocations,
              (SELECT count(*) FROM receipt_lines WHERE cycle_id = $1)::int AS lines`,
      [s.cycleId],
    );
    expect(rows.receipts).toBe(rows.allocations);
    expect(rows.lines).toBe(s.allocations.length);
    // g0 reported o1 short by 3, g1 by 1 and nothing of o2
    const [{ received }] = await t.dataSource.query(
      `SELECT sum(received)::int AS received FROM member_receipts WHERE cycle_id = $1`,
      [s.cycleId],
    );
    const allocated = s.allocations.reduce((sum, a) => sum + a.allocated, 0);
    expect(received).toBe(allocated - 3 - 1 - allocationOf(s, g1, s.offers.o2));

    // Each member's allocations (GET /cycles/:id/allocations) say its share: 0 where it had none.
    const shares: { memberId: string; offerId: string; received: number }[] = await t.dataSource.query(
      `SELECT ma.member_id AS "memberId", ma.offer_id AS "offerId", coalesce(mr.received, 0) AS received
         FROM member_allocations ma
         LEFT JOIN member_receipts mr USING (cycle_id, member_id, offer_id)
        WHERE ma.cycle_id = $1`,
      [s.cycleId],
    );
    const listed = await api
      .as(admin)
      .get('/cycles/{id}/allocations', { params: { id: s.cycleId }, query: { limit: 500 } });
    expect(listed.body.total).toBe(shares.length);
    const byLine = new Map(shares.map((one) => [`${one.memberId}/${one.offerId}`, one.received]));
    for (const line of listed.body.items)
      expect([line.memberId, line.offerId, line.received]).toEqual([
        line.memberId,
        line.offerId,
        byLine.get(`${line.memberId}/${line.offerId}`),
      ]);
    expect(listed.body.items.some((line) => line.received !== null && line.received < line.allocated)).toBe(
      true,
    );
  });

  it('takes corrections while received (admin too, no version), none once settled', async () => {
    const corrected = await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g1 },
      body: { lines: fullReport(s, g1) },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ version: 2, cycleStatus: 'received' });

    const runner = t.app.get(StageRunner);
    const settlement = { settle: (cycleId: string) => runner.run(cycleId, 'received') };
    expect(await settlement.settle(s.cycleId)).toBe('moved');
    const before = await counts();
    const late = await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
      params: { id: s.cycleId, consumerGroupId: g0 },
      body: { lines: fullReport(s, g0), version: 2 },
    });
    expect(late.status).toBe(422);
    expect(late.body.message).toMatch(/settled/);
    expect(await counts()).toEqual(before);
    expect(
      (
        await api
          .as(coordinator0)
          .get('/cycles/{id}/receipts/{consumerGroupId}', { params: { id: s.cycleId, consumerGroupId: g0 } })
      ).body,
    ).toMatchObject({
      version: 2,
      cycleStatus: 'settled',
    });
  });
});
