import { isolatedDatabase } from '../support/isolated-database';
import { adminToken, Http, startTestApp, userToken, type TestApp } from '../support/test-app';
import { scenario, waitForStatus, type Scenario } from '../cycles/cycle-scenario';
import { UNKNOWN_ID } from '../registry/registry-fixtures';

/**
 * What the web app's cooperative, transporter and admin screens read besides the cycle's own
 * endpoints: the confirmation's version, shipments' stops with their consignees, the manifest's
 * versions, and the logs narrowed by kind and time.
 */
describe('operations views', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let http: Http;
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
    http = new Http(t.app);
    admin = await adminToken(http, t.dataSource);
    s = await scenario(http, admin, t.dataSource);
    coop0 = await userToken(http, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[0] });
    coop1 = await userToken(http, admin, 'cooperative', { cooperativeId: s.r.cooperativeIds[1] });
    carrier = await userToken(http, admin, 'transporter', {
      transportOrganiserId: s.r.transportOrganiserIds[0],
    });
    const [other] = await t.dataSource.query(
      `INSERT INTO transport_organisers (name, side, contact_email) VALUES ('Other', 'third_party', 'o@x.example') RETURNING id`,
    );
    otherCarrier = await userToken(http, admin, 'transporter', { transportOrganiserId: other.id });
    await t.dataSource.query(
      `INSERT INTO vehicles (transport_organiser_id, name, mode, capacity_kg) VALUES ($1, 'Camion', 'road', 5000)`,
      [s.r.transportOrganiserIds[0]],
    );
    beforeLock = new Date(Date.now() - 1000).toISOString();
    expect((await http.as(admin).post(`/api/v1/cycles/${s.cycleId}/advance`)).status).toBe(202);
    await waitForStatus(http, admin, s.cycleId, 'confirming');
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  const confirmationUrl = (cooperativeId: string) =>
    `/api/v1/cycles/${s.cycleId}/confirmations/${cooperativeId}`;

  it("answers a cooperative's confirmation with the version to send back, and 409 on a stale one", async () => {
    const cooperativeId = s.r.cooperativeIds[0];
    const first = await http.as(coop0).get(confirmationUrl(cooperativeId));
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
    const put = await http.as(coop0).put(confirmationUrl(cooperativeId), { lines, version: 0 });
    expect(put.status).toBe(200);
    const after = await http.as(coop0).get(confirmationUrl(cooperativeId));
    expect(after.body).toMatchObject({ version: 1, confirmedBy: expect.stringContaining('@test.example') });
    expect(new Date(after.body.confirmedAt).getTime()).toBeGreaterThan(0);
    expect(after.body.lines).toEqual(expect.arrayContaining(lines));
    expect(after.body.lines).toHaveLength(2);

    const stale = await http.as(coop0).put(confirmationUrl(cooperativeId), { lines, version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/stale/);
  });

  it("answers 404 for another cooperative's confirmation, and for an unknown cycle", async () => {
    expect((await http.as(coop1).get(confirmationUrl(s.r.cooperativeIds[0]))).status).toBe(404);
    expect(
      (await http.as(coop0).get(`/api/v1/cycles/${UNKNOWN_ID}/confirmations/${s.r.cooperativeIds[0]}`))
        .status,
    ).toBe(404);
    expect((await http.as(carrier).get(confirmationUrl(s.r.cooperativeIds[0]))).status).toBe(403);
  });

  describe('once dispatched', () => {
    let shipment: any;

    beforeAll(async () => {
      expect((await http.as(admin).post(`/api/v1/cycles/${s.cycleId}/advance`)).status).toBe(202);
      await waitForStatus(http, admin, s.cycleId, 'dispatched');
      const list = await http.as(carrier).get(`/api/v1/cycles/${s.cycleId}/shipments`);
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
      const url = `/api/v1/shipments/${shipment.id}/manifest/versions`;
      const first = await http.as(carrier).get(url);
      expect(first.status).toBe(200);
      expect(first.body).toEqual([
        { number: shipment.manifest.number, version: 1, issuedAt: expect.any(String), issuedBy: null },
      ]);
      expect((await http.as(admin).post(`/api/v1/shipments/${shipment.id}/manifest/reissue`)).status).toBe(
        201,
      );
      const second = await http.as(carrier).get(url);
      expect(second.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(second.body[0].issuedBy).toMatch(/^admin-.*@test\.example$/);
      expect((await http.as(otherCarrier).get(url)).status).toBe(404);
      expect((await http.as(carrier).get(`/api/v1/shipments/${UNKNOWN_ID}/manifest/versions`)).status).toBe(
        404,
      );
    });

    it('finds notifications by kind, channel and time, each with its kind', async () => {
      const all = await http.as(admin).get(`/api/v1/notifications?cycleId=${s.cycleId}&limit=500`);
      expect(all.status).toBe(200);
      const kinds = new Set(all.body.items.map((n: { kind: string }) => n.kind));
      // the kinds of the cooperatives' and organisers' mails, and of the people's notifications
      expect([...kinds].filter((k) => String(k).includes(':'))).toEqual([]);
      expect(kinds).toContain('confirmation-request');
      expect(kinds).toContain('manifest');
      expect(kinds).toContain('cycle.allocated');
      const manifests = await http.as(admin).get(`/api/v1/notifications?cycleId=${s.cycleId}&kind=manifest`);
      expect(manifests.body.total).toBe(
        all.body.items.filter((n: { kind: string }) => n.kind === 'manifest').length,
      );
      expect(
        manifests.body.items.every((n: { dedupeKey: string }) => n.dedupeKey.startsWith('manifest-')),
      ).toBe(true);
      const webhooks = await http.as(admin).get(`/api/v1/notifications?cycleId=${s.cycleId}&channel=webhook`);
      expect(webhooks.body.total).toBe(0);
      const future = new Date(Date.now() + 60_000).toISOString();
      const later = await http.as(admin).get(`/api/v1/notifications?cycleId=${s.cycleId}&from=${future}`);
      expect(later.body.total).toBe(0);
      const window = await http
        .as(admin)
        .get(`/api/v1/notifications?cycleId=${s.cycleId}&from=${beforeLock}&to=${future}`);
      expect(window.body.total).toBe(all.body.total);
      const before = await http.as(admin).get(`/api/v1/notifications?cycleId=${s.cycleId}&to=${beforeLock}`);
      expect(before.body.total).toBe(0);
    });

    it('finds audit entries by action and time, each with its actor’s email', async () => {
      const runs = await http
        .as(admin)
        .get(`/api/v1/audit-log?action=cycle.stage_run&subjectId=${s.cycleId}`);
      expect(runs.status).toBe(200);
      expect(runs.body.total).toBe(2);
      expect(runs.body.items[0]).toMatchObject({
        action: 'cycle.stage_run',
        actorEmail: expect.stringMatching(/^admin-.*@test\.example$/),
      });
      const future = new Date(Date.now() + 60_000).toISOString();
      const none = await http
        .as(admin)
        .get(`/api/v1/audit-log?action=cycle.stage_run&subjectId=${s.cycleId}&from=${future}`);
      expect(none.body.total).toBe(0);
      const inWindow = await http
        .as(admin)
        .get(`/api/v1/audit-log?subjectId=${s.cycleId}&from=${beforeLock}&to=${future}`);
      expect(inWindow.body.total).toBe(2);
    });

    it('refuses a time range that ends before it starts, or a date that is not one, naming the field', async () => {
      const now = new Date().toISOString();
      const backwards = await http.as(admin).get(`/api/v1/audit-log?from=${now}&to=${beforeLock}`);
      expect(backwards.status).toBe(400);
      expect(backwards.body.message).toMatch(/to must be after from/);
      const bad = await http.as(admin).get(`/api/v1/notifications?from=yesterday`);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^from /);
      expect((await http.as(carrier).get('/api/v1/audit-log')).status).toBe(403);
    });
  });
});
