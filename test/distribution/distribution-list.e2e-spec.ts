import { allocatedCycle, dispatch, fullReport, type AllocatedCycle } from '../settlement/dispatched-cycle';
import { isolatedDatabase } from '../support/isolated-database';
import { pdfToText, squash } from '../support/pdftotext';
import { Api, apiUrl, type Invalid } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';

/**
 * The distribution list (GET /cycles/:id/distribution-list and .pdf): once a group's delivery is
 * recorded, what its coordinator hands each member at the drop point, in the coordinator's
 * language. The app runs as the API role on a database of its own, so no clock moves the cycle.
 */
describe('distribution list', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let s: AllocatedCycle;
  let g0: string;
  let g1: string;
  let coordinator0: string;
  let coordinator1: string;
  const ARABIC_NAME = 'فاطمة الزهراء بنعلي';

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_accounts_distribution');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, role: 'api' });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    s = await allocatedCycle(t, api, admin);
    [g0, g1] = s.r.groupIds;
    await t.dataSource.query(`UPDATE members SET name = $2 WHERE id = $1`, [
      s.r.membersByGroup[0][0],
      ARABIC_NAME,
    ]);
    coordinator0 = await userToken(api, admin, 'coordinator', { consumerGroupId: g0 });
    coordinator1 = await userToken(api, admin, 'coordinator', { consumerGroupId: g1 });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('does not exist before the group has recorded its delivery (422)', async () => {
    const allocated = await api
      .as(coordinator0)
      .get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } });
    expect(allocated.status).toBe(422);
    expect(allocated.body.message).toMatch(/delivery is recorded/);
    await dispatch(t.dataSource, s);
    for (const path of ['/cycles/{id}/distribution-list', '/cycles/{id}/distribution-list.pdf'] as const) {
      const dispatched = await api.as(coordinator0).get(path, { params: { id: s.cycleId } });
      expect(dispatched.status).toBe(422);
      expect(dispatched.headers['content-type']).toMatch(/json/);
    }
  });

  it('hands each member what reception shared back, with the group totals', async () => {
    const report = fullReport(s, g0);
    // One unit of the first line short on arrival.
    const lines = report.map((line, index) => ({
      ...line,
      quantity: index === 0 ? line.quantity - 1 : line.quantity,
    }));
    expect(
      (
        await api.as(coordinator0).put('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { id: s.cycleId, consumerGroupId: g0 },
          body: { lines },
        })
      ).status,
    ).toBe(200);

    const reply = await api
      .as(coordinator0)
      .get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } });
    expect(reply.status).toBe(200);
    const list = reply.body;
    expect(list).toMatchObject({
      cycleId: s.cycleId,
      month: s.month,
      receiptVersion: 1,
      consumerGroup: { id: g0 },
    });
    const members: {
      memberId: string;
      name: string;
      lines: {
        offerId: string;
        quantity: number;
        allocated: number;
        packs: number;
        looseUnits: number;
        packSize: number;
      }[];
    }[] = list.members;
    expect(members.map((m) => m.memberId).sort()).toEqual([...s.r.membersByGroup[0]].sort());
    expect(members.map((m) => m.name)).toContain(ARABIC_NAME);

    const stored: { memberId: string; offerId: string; received: number; allocated: number }[] =
      await t.dataSource.query(
        `SELECT mr.member_id AS "memberId", mr.offer_id AS "offerId", mr.received, ma.allocated
         FROM member_receipts mr JOIN member_allocations ma USING (cycle_id, member_id, offer_id)
        WHERE mr.cycle_id = $1 AND mr.consumer_group_id = $2`,
        [s.cycleId, g0],
      );
    const listed = members.flatMap((m) =>
      m.lines.map((l) => ({
        memberId: m.memberId,
        offerId: l.offerId,
        received: l.quantity,
        allocated: l.allocated,
      })),
    );
    const key = (r: { memberId: string; offerId: string }) => `${r.memberId}|${r.offerId}`;
    expect([...listed].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [...stored].sort((a, b) => key(a).localeCompare(key(b))),
    );
    for (const line of members.flatMap((m) => m.lines))
      expect(line.packs * line.packSize + line.looseUnits).toBe(line.quantity);

    for (const recorded of lines) {
      const total = list.totals.lines.find((l: { offerId: string }) => l.offerId === recorded.offerId);
      const handed = listed
        .filter((l) => l.offerId === recorded.offerId)
        .reduce((sum, l) => sum + l.received, 0);
      expect(total).toMatchObject({
        received: recorded.quantity,
        quantity: handed,
        surplus: recorded.quantity - handed,
      });
    }
    const arrived = lines.reduce((sum, line) => sum + line.quantity, 0);
    const short = listed.filter((l) => l.received < l.allocated);
    expect(short.length).toBeGreaterThan(0);
    expect(list.totals.units).toBe(arrived);
    expect(list.totals.members).toBe(members.length);
  });

  it('is the group’s alone: another group’s id or cycle answers 404, other roles 403', async () => {
    expect(
      (
        await api.as(coordinator0).get('/cycles/{id}/distribution-list', {
          params: { id: s.cycleId },
          query: { consumerGroupId: g1 },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.as(coordinator0).get('/cycles/{id}/distribution-list.pdf', {
          params: { id: s.cycleId },
          query: { consumerGroupId: g1 },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.as(coordinator0).get('/cycles/{id}/distribution-list', {
          params: { id: s.cycleId },
          query: { consumerGroupId: g0 },
        })
      ).status,
    ).toBe(200);
    // the other group has not reported: its list does not exist yet, and its coordinator sees only that
    expect(
      (await api.as(coordinator1).get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } }))
        .status,
    ).toBe(422);
    expect(
      (
        await api.as(coordinator1).get('/cycles/{id}/distribution-list', {
          params: { id: s.cycleId },
          query: { consumerGroupId: g0 },
        })
      ).status,
    ).toBe(404);
    // a coordinator of a group not enrolled in the season does not see the cycle
    const [outsider] = await t.dataSource.query(
      `INSERT INTO consumer_groups (territory_id, name, kind, drop_point_name, drop_point_address, drop_point_latitude, drop_point_longitude, contact_email)
       SELECT territory_id, 'Outsiders', kind, 'Hall', 'Street 1', 50.8, 4.3, 'out@test.example' FROM consumer_groups WHERE id = $1
       RETURNING id`,
      [g0],
    );
    const stranger = await userToken(api, admin, 'coordinator', { consumerGroupId: outsider.id });
    expect(
      (await api.as(stranger).get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } })).status,
    ).toBe(404);
    expect(
      (
        await api.as(stranger).get('/cycles/{id}/distribution-list', {
          params: { id: s.cycleId },
          query: { consumerGroupId: g0 },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api
          .as(coordinator0)
          .get('/cycles/{id}/distribution-list', { params: { id: '00000000-0000-4000-8000-000000000000' } })
      ).status,
    ).toBe(404);

    const member = await userToken(api, admin, 'member', { memberId: s.r.membersByGroup[0][1] });
    const cooperative = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
    for (const token of [member, cooperative]) {
      expect(
        (await api.as(token).get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } })).status,
      ).toBe(403);
      expect(
        (await api.as(token).get('/cycles/{id}/distribution-list.pdf', { params: { id: s.cycleId } })).status,
      ).toBe(403);
    }
    expect(
      (await api.anonymous().get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } })).status,
    ).toBe(401);
  });

  it('lets an admin read a named group’s list; 400 naming the field otherwise', async () => {
    const missing = await api.as(admin).get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/consumerGroupId/);
    const malformed = await api.as(admin).get('/cycles/{id}/distribution-list', {
      params: { id: s.cycleId },
      query: { consumerGroupId: 'not-a-uuid' },
    });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toMatch(/consumerGroupId/);
    expect(
      (
        await api.as(admin).get('/cycles/{id}/distribution-list', {
          params: { id: s.cycleId },
          query: { consumerGroupId: '00000000-0000-4000-8000-000000000000' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.as(admin).get('/cycles/{id}/distribution-list', {
          params: { id: s.cycleId },
          query: { consumerGroupId: g0, extra: 1 } as Invalid,
        })
      ).status,
    ).toBe(400);
    const read = await api
      .as(admin)
      .get('/cycles/{id}/distribution-list', { params: { id: s.cycleId }, query: { consumerGroupId: g0 } });
    expect(read.status).toBe(200);
    expect(read.body.consumerGroup.id).toBe(g0);
    expect(
      (
        await api.as(admin).get('/cycles/{id}/distribution-list', {
          params: { id: 'not-a-uuid' },
          query: { consumerGroupId: g0 },
        })
      ).status,
    ).toBe(400);
  });

  it('prints in the coordinator’s language: Arabic right to left, names in any script', async () => {
    expect((await api.as(coordinator0).patch('/me', { body: { locale: 'ar' } })).status).toBe(200);
    expect(
      (await api.as(coordinator0).get('/cycles/{id}/distribution-list', { params: { id: s.cycleId } })).body
        .locale,
    ).toBe('ar');
    const reply = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: apiUrl('/cycles/{id}/distribution-list.pdf', { id: s.cycleId }),
        headers: { authorization: `Bearer ${coordinator0}` },
      });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="distribution-/);
    const text = squash(await pdfToText(reply.rawPayload));
    expect(text).toContain('قائمة التوزيع');
    expect(text).toContain('مجاميع المجموعة');
    expect(text).toContain(ARABIC_NAME);

    expect((await api.as(coordinator0).patch('/me', { body: { locale: 'nl' } })).status).toBe(200);
    const dutch = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: apiUrl('/cycles/{id}/distribution-list.pdf', { id: s.cycleId }),
        headers: { authorization: `Bearer ${coordinator0}` },
      });
    const dutchText = squash(await pdfToText(dutch.rawPayload));
    expect(dutchText).toContain('Verdeellijst');
    expect(dutchText).toContain(ARABIC_NAME);
  });

  it('is in the OpenAPI document with its DTO', async () => {
    const doc = (await api.anonymous().request('GET', '/docs-json')).body;
    const json = doc.paths['/api/v1/cycles/{id}/distribution-list'].get;
    expect(json.responses['200'].content['application/json'].schema.$ref).toMatch(/DistributionListDto$/);
    expect(json.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['id', 'consumerGroupId']),
    );
    expect(
      doc.paths['/api/v1/cycles/{id}/distribution-list.pdf'].get.responses['200'].content,
    ).toHaveProperty('application/pdf');
  });
});
