import { isolatedDatabase } from '../support/isolated-database';
import { Api } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { scenario, waitForStatus, type Scenario } from '../cycles/cycle-scenario';
import { UNKNOWN_ID } from '../registry/registry-fixtures';
import { transportOrganiser, vehicle } from '../support/rows';

/**
 * What the web app's cooperative, transporter and admin screens read besides the cycle's own
 * endpoints: the confirmation's version, shipments' stops with their consignees, the manifest's
 * versions, and the logs narrowed by kind and time.
 */
describe('operations views', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let s: Scenario;
  let coop0: string;
  let coop1: string;
  let carrier: string;
  let otherCarrier: string;
  let beforeLock: string;

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_web2_ops');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, role: 'all' });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    s = await scenario(api, admin, t.dataSource);
    coop0 = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
    coop1 = await userToken(api, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[1] });
    carrier = await userToken(api, admin, 'transporter', {
      transportOrganiserId: s.r.transportOrganiserIds[0],
    });
    otherCarrier = await userToken(api, admin, 'transporter', {
      transportOrganiserId: await transportOrganiser(t.dataSource),
    });
    await vehicle(t.dataSource, s.r.transportOrganiserIds[0], { name: 'Camion', capacityKg: 5000 });
    beforeLock = new Date(Date.now() - 1000).toISOString();
    expect((await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } })).status).toBe(
      202,
    );
    await waitForStatus(api, admin, s.cycleId, 'confirming');
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it("answers a cooperative's confirmation with the version to send back, and 409 on a stale one", async () => {
    const cooperativeId = s.r.cooperativeIds[0];
    const first = await api
      .as(coop0)
      .get('/cycles/{id}/confirmations/{cooperativeId}', { params: { id: s.cycleId, cooperativeId } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      cycleId: s.cycleId,
      cooperativeId,
      cycleStatus: 'confirming',
      confirmBy: expect.any(String),
      version: 0,
      confirmedAt: null,
      confirmedBy: null,
      lines: [],
    });
    const lines = [
      { offerId: s.offers.o1, quantity: s.demand.o1 },
      { offerId: s.offers.o2, quantity: s.demand.o2 - 3 },
    ];
    const put = await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
      params: { id: s.cycleId, cooperativeId },
      body: { lines, version: 0 },
    });
    expect(put.status).toBe(200);
    const after = await api
      .as(coop0)
      .get('/cycles/{id}/confirmations/{cooperativeId}', { params: { id: s.cycleId, cooperativeId } });
    expect(after.body).toMatchObject({ version: 1, confirmedBy: expect.stringContaining('@test.example') });
    expect(new Date(after.body.confirmedAt!).getTime()).toBeGreaterThan(0);
    expect(after.body.lines).toEqual(expect.arrayContaining(lines));
    expect(after.body.lines).toHaveLength(2);

    const stale = await api.as(coop0).put('/cycles/{id}/confirmations/{cooperativeId}', {
      params: { id: s.cycleId, cooperativeId },
      body: { lines, version: 0 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/stale/);
  });

  it("answers 404 for another cooperative's confirmation, and for an unknown cycle", async () => {
    expect(
      (
        await api.as(coop1).get('/cycles/{id}/confirmations/{cooperativeId}', {
          params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.as(coop0).get('/cycles/{id}/confirmations/{cooperativeId}', {
          params: { id: UNKNOWN_ID, cooperativeId: s.r.cooperativeIds[0] },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.as(carrier).get('/cycles/{id}/confirmations/{cooperativeId}', {
          params: { id: s.cycleId, cooperativeId: s.r.cooperativeIds[0] },
        })
      ).status,
    ).toBe(403);
  });

  describe('once dispatched', () => {
    let shipment: any;

    beforeAll(async () => {
      expect((await api.as(admin).post('/cycles/{id}/advance', { params: { id: s.cycleId } })).status).toBe(
        202,
      );
      await waitForStatus(api, admin, s.cycleId, 'dispatched');
      const list = await api.as(carrier).get('/cycles/{id}/shipments', { params: { id: s.cycleId } });
      expect(list.status).toBe(200);
      [shipment] = list.body.items;
    }, 60_000);

    it('lists each stop with its consignee, drop point and what is unloaded there', async () => {
      const groups = await t.dataSource.query(
        `SELECT id, name, drop_point_name AS "dropName", drop_point_address AS "dropAddress" FROM consumer_groups
          WHERE id = ANY($1::uuid[])`,
        [s.r.groupIds],
      );
      const byId = new Map(groups.map((g: { id: string }) => [g.id, g]));
      for (const stop of shipment.stops) {
        const group = byId.get(stop.consumerGroupId) as {
          name: string;
          dropName: string;
          dropAddress: string;
        };
        expect(stop).toMatchObject({
          consignee: group.name,
          dropPoint: { name: group.dropName, address: group.dropAddress },
        });
        const [sums] = await t.dataSource.query(
          `SELECT sum(units)::int AS units, sum(gross_kg)::float8 AS "grossKg" FROM shipment_lines
            WHERE shipment_id = $1 AND consumer_group_id = $2`,
          [shipment.id, stop.consumerGroupId],
        );
        expect(stop.unloading.units).toBe(sums.units);
        expect(stop.unloading.grossKg).toBeCloseTo(sums.grossKg, 3);
      }
      const unloaded = shipment.stops.reduce((n: number, stop: any) => n + stop.unloading.units, 0);
      expect(unloaded).toBe(shipment.totals.units);
    });

    it('lists the manifest versions newest first, with who reissued one', async () => {
      const first = await api
        .as(carrier)
        .get('/shipments/{id}/manifest/versions', { params: { id: shipment.id } });
      expect(first.status).toBe(200);
      expect(first.body).toEqual([
        { number: shipment.manifest.number, version: 1, issuedAt: expect.any(String), issuedBy: null },
      ]);
      expect(
        (await api.as(admin).post('/shipments/{id}/manifest/reissue', { params: { id: shipment.id } }))
          .status,
      ).toBe(201);
      const second = await api
        .as(carrier)
        .get('/shipments/{id}/manifest/versions', { params: { id: shipment.id } });
      expect(second.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(second.body[0].issuedBy).toMatch(/^admin-.*@test\.example$/);
      expect(
        (await api.as(otherCarrier).get('/shipments/{id}/manifest/versions', { params: { id: shipment.id } }))
          .status,
      ).toBe(404);
      expect(
        (await api.as(carrier).get('/shipments/{id}/manifest/versions', { params: { id: UNKNOWN_ID } }))
          .status,
      ).toBe(404);
    });

    it('finds notifications by kind, channel and time, each with its kind', async () => {
      const all = await api.as(admin).get('/notifications', { query: { cycleId: s.cycleId, limit: 500 } });
      expect(all.status).toBe(200);
      const kinds = new Set(all.body.items.map((n: { kind: string }) => n.kind));
      // the kinds of the cooperatives' and organisers' mails, and of the people's notifications
      expect([...kinds].filter((k) => String(k).includes(':'))).toEqual([]);
      expect(kinds).toContain('confirmation-request');
      expect(kinds).toContain('manifest');
      expect(kinds).toContain('cycle.allocated');
      const manifests = await api
        .as(admin)
        .get('/notifications', { query: { cycleId: s.cycleId, kind: 'manifest' } });
      expect(manifests.body.total).toBe(
        all.body.items.filter((n: { kind: string }) => n.kind === 'manifest').length,
      );
      expect(
        manifests.body.items.every((n: { dedupeKey: string }) => n.dedupeKey.startsWith('manifest-')),
      ).toBe(true);
      const webhooks = await api
        .as(admin)
        .get('/notifications', { query: { cycleId: s.cycleId, channel: 'webhook' } });
      expect(webhooks.body.total).toBe(0);
      const future = new Date(Date.now() + 60_000).toISOString();
      const later = await api
        .as(admin)
        .get('/notifications', { query: { cycleId: s.cycleId, from: future } });
      expect(later.body.total).toBe(0);
      const window = await api
        .as(admin)
        .get('/notifications', { query: { cycleId: s.cycleId, from: beforeLock, to: future } });
      expect(window.body.total).toBe(all.body.total);
      const before = await api
        .as(admin)
        .get('/notifications', { query: { cycleId: s.cycleId, to: beforeLock } });
      expect(before.body.total).toBe(0);
    });

    it('finds audit entries by action and time, each with its actor’s email', async () => {
      const runs = await api
        .as(admin)
        .get('/audit-log', { query: { action: 'cycle.stage_run', subjectId: s.cycleId } });
      expect(runs.status).toBe(200);
      expect(runs.body.total).toBe(2);
      expect(runs.body.items[0]).toMatchObject({
        action: 'cycle.stage_run',
        actorEmail: expect.stringMatching(/^admin-.*@test\.example$/),
      });
      const future = new Date(Date.now() + 60_000).toISOString();
      const none = await api
        .as(admin)
        .get('/audit-log', { query: { action: 'cycle.stage_run', subjectId: s.cycleId, from: future } });
      expect(none.body.total).toBe(0);
      const inWindow = await api
        .as(admin)
        .get('/audit-log', { query: { subjectId: s.cycleId, from: beforeLock, to: future } });
      expect(inWindow.body.total).toBe(2);
    });

    it('refuses a time range that ends before it starts, or a date that is not one, naming the field', async () => {
      const now = new Date().toISOString();
      const backwards = await api.as(admin).get('/audit-log', { query: { from: now, to: beforeLock } });
      expect(backwards.status).toBe(400);
      expect(backwards.body.message).toMatch(/to must be after from/);
      const bad = await api.as(admin).get('/notifications', { query: { from: 'yesterday' } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^from /);
      expect((await api.as(carrier).get('/audit-log')).status).toBe(403);
    });
  });
});
