import { Api, type Invalid, type RequestBody } from '../support/api';
import { adminToken, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
import { cooperative } from '../support/rows';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type NewOrganiser = RequestBody<'/transport-organisers', 'post'>;
type Vehicle = NewOrganiser['vehicles'][number];

describe('logistics', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let territoryId: string;
  let cooperativeUser: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    const territory = await api.as(admin).post('/territories', {
      body: {
        name: 'Tiznit',
        countryCode: 'MA',
        timezone: 'Africa/Casablanca',
        currency: 'MAD',
      },
    });
    territoryId = territory.body.id;
    cooperativeUser = await userToken(api, admin, 'cooperative', {
      cooperativeId: await cooperative(t.dataSource, territoryId),
    });
  });
  afterAll(() => t.close());

  // Counts are narrowed to this file's rows: other test files write to the same database at the same time.
  async function pickupPoints(): Promise<number> {
    const [row] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM pickup_points WHERE territory_id = $1',
      [territoryId],
    );
    return row.n;
  }

  describe('pickup points', () => {
    const point = (extra: Record<string, unknown> = {}) => ({
      territoryId,
      name: unique('Entrepôt'),
      address: 'Route d’Aglou, Tiznit',
      latitude: 29.698,
      longitude: -9.731,
      ...extra,
    });

    it('creates a pickup point, reads and lists it', async () => {
      const before = await pickupPoints();
      const body = point();
      const created = await api.as(admin).post('/pickup-points', { body });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ ...body, id: expect.any(String) });
      expect(await pickupPoints()).toBe(before + 1);
      const one = await api.as(admin).get('/pickup-points/{id}', { params: { id: created.body.id } });
      expect(one.status).toBe(200);
      expect(one.body).toEqual(created.body);
      const list = await api.as(admin).get('/pickup-points', { query: { limit: 500 } });
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(created.body);
      expect(list.body.total).toBeGreaterThanOrEqual(await pickupPoints());
    });

    it('accepts the edges of the coordinates', async () => {
      const created = await api
        .as(admin)
        .post('/pickup-points', { body: point({ latitude: -90, longitude: 180 }) });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ latitude: -90, longitude: 180 });
    });

    it.each([
      [{ territoryId: 'nope' }, 'territoryId'],
      [{ name: '' }, 'name'],
      [{ address: 'a'.repeat(501) }, 'address'],
      [{ address: undefined }, 'address'],
      [{ latitude: 90.5 }, 'latitude'],
      [{ latitude: '29.7' }, 'latitude'],
      [{ longitude: -180.1 }, 'longitude'],
      [{ longitude: null }, 'longitude'],
      [{ extra: 1 }, 'extra'],
    ])('rejects %j naming %s, writing nothing', async (change, field) => {
      const before = await pickupPoints();
      const reply = await api.as(admin).post('/pickup-points', { body: point(change) });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(reply.body.message).toContain(field);
      expect(await pickupPoints()).toBe(before);
    });

    it('rejects an unknown territory with 400 naming territoryId, writing nothing', async () => {
      const before = await pickupPoints();
      const reply = await api.as(admin).post('/pickup-points', { body: point({ territoryId: UNKNOWN_ID }) });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toBe('territoryId: no such territory');
      expect(await pickupPoints()).toBe(before);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expect((await api.as(admin).get('/pickup-points/{id}', { params: { id: UNKNOWN_ID } })).status).toBe(
        404,
      );
      expect((await api.as(admin).get('/pickup-points/{id}', { params: { id: 'not-a-uuid' } })).status).toBe(
        400,
      );
    });

    it('needs a token and the admin role', async () => {
      const before = await pickupPoints();
      const [existing] = await t.dataSource.query('SELECT id FROM pickup_points LIMIT 1');
      expect((await api.anonymous().get('/pickup-points')).status).toBe(401);
      expect((await api.anonymous().post('/pickup-points', { body: point() })).status).toBe(401);
      expect((await api.as(cooperativeUser).get('/pickup-points')).status).toBe(403);
      expect(
        (await api.as(cooperativeUser).get('/pickup-points/{id}', { params: { id: existing.id } })).status,
      ).toBe(403);
      expect((await api.as(cooperativeUser).post('/pickup-points', { body: point() })).status).toBe(403);
      expect(await pickupPoints()).toBe(before);
    });
  });

  describe('transport organisers', () => {
    // This file's organisers all share this address, so that counts can leave out other files' rows.
    const contactEmail = `${unique('dispatch')}@trans-atlas.example`;
    const truck: Vehicle = { name: 'A truck', mode: 'road', capacityKg: 12000.5, costPerKmMinor: 180 };
    const ship: Vehicle = { name: 'B reefer container', mode: 'sea', capacityKg: 24000 };
    const organiser = (extra: Partial<NewOrganiser> = {}): NewOrganiser => ({
      name: unique('Trans-Atlas'),
      side: 'third_party',
      contactEmail,
      webhookUrl: 'https://hooks.trans-atlas.example/proxima',
      locale: 'fr',
      vehicles: [truck, ship],
      ...extra,
    });

    async function counts(): Promise<{ organisers: number; vehicles: number }> {
      const [row] = await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM transport_organisers WHERE contact_email = $1) AS organisers,
                (SELECT count(*)::int FROM vehicles v JOIN transport_organisers o ON o.id = v.transport_organiser_id
                  WHERE o.contact_email = $1) AS vehicles`,
        [contactEmail],
      );
      return row;
    }

    async function createOrganiser(extra: Partial<NewOrganiser> = {}) {
      const reply = await api.as(admin).post('/transport-organisers', { body: organiser(extra) });
      expect(reply.status).toBe(201);
      return reply.body;
    }

    it('creates an organiser with its vehicles, reads and lists it', async () => {
      const before = await counts();
      const body = organiser();
      const created = await api.as(admin).post('/transport-organisers', { body });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        ...body,
        id: expect.any(String),
        vehicles: [
          { ...truck, id: expect.any(String) },
          { ...ship, costPerKmMinor: null, id: expect.any(String) },
        ],
      });
      expect(await counts()).toEqual({ organisers: before.organisers + 1, vehicles: before.vehicles + 2 });
      const one = await api.as(admin).get('/transport-organisers/{id}', { params: { id: created.body.id } });
      expect(one.status).toBe(200);
      expect(one.body).toEqual(created.body);
      const list = await api.as(admin).get('/transport-organisers', { query: { limit: 500 } });
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(created.body);
      expect(list.body.total).toBeGreaterThanOrEqual((await counts()).organisers);
    });

    it('defaults locale to en and webhookUrl to null; accepts a public http webhook and 50 vehicles', async () => {
      const { webhookUrl, locale, ...minimal } = organiser();
      expect([webhookUrl, locale]).toEqual(['https://hooks.trans-atlas.example/proxima', 'fr']);
      const created = await api.as(admin).post('/transport-organisers', { body: minimal });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ locale: 'en', webhookUrl: null });

      const many = Array.from({ length: 50 }, (_, i): Vehicle => ({
        name: `V${String(i).padStart(2, '0')}`,
        mode: 'rail',
        capacityKg: 0.001,
        costPerKmMinor: 0,
      }));
      const big = await createOrganiser({ vehicles: many, webhookUrl: 'http://93.184.216.34:8080/hook' });
      expect(big.vehicles).toHaveLength(50);
      expect(big.vehicles[0]).toEqual({ ...many[0], id: expect.any(String) });
      expect(big.webhookUrl).toBe('http://93.184.216.34:8080/hook');
      const [row] = await t.dataSource.query(
        'SELECT count(*)::int AS n, sum(capacity_kg)::text AS kg FROM vehicles WHERE transport_organiser_id = $1',
        [big.id],
      );
      expect(row).toEqual({ n: 50, kg: '0.050' });
      expect(
        (await createOrganiser({ vehicles: [{ ...truck, capacityKg: 1_000_000 }] })).vehicles[0].capacityKg,
      ).toBe(1_000_000);
    });

    it.each([
      [{ name: '' }, 'name'],
      [{ side: 'buyers' }, 'side'],
      [{ side: undefined }, 'side'],
      [{ contactEmail: 'nope' }, 'contactEmail'],
      [{ webhookUrl: 'ftp://hooks.example/x' }, 'webhookUrl'],
      [{ webhookUrl: 'hooks.example/x' }, 'webhookUrl'],
      [{ webhookUrl: `https://hooks.example/${'a'.repeat(2030)}` }, 'webhookUrl'],
      // F4 (docs/SECURITY.md): only a public unicast address, checked when the URL is registered.
      [{ webhookUrl: 'http://127.0.0.1:8080/hook' }, 'webhookUrl'],
      [{ webhookUrl: 'http://localhost/hook' }, 'webhookUrl'],
      [{ webhookUrl: 'https://192.0.2.10/hook' }, 'webhookUrl'],
      [{ webhookUrl: 'https://198.18.0.1/hook' }, 'webhookUrl'],
      [{ webhookUrl: 'https://[::ffff:0:10.0.0.1]/hook' }, 'webhookUrl'],
      [{ webhookUrl: 'https://[64:ff9b:1::a00:1]/hook' }, 'webhookUrl'],
      [{ locale: 'de' }, 'locale'],
      [{ vehicles: [] }, 'vehicles'],
      [{ vehicles: undefined }, 'vehicles'],
      [{ vehicles: Array.from({ length: 51 }, () => truck) }, 'vehicles'],
      [{ vehicles: [truck, { ...ship, mode: 'rocket' }] }, 'vehicles.1.mode'],
      [{ vehicles: [{ ...truck, name: '' }] }, 'vehicles.0.name'],
      [{ vehicles: [{ ...truck, capacityKg: 0 }] }, 'vehicles.0.capacityKg'],
      [{ vehicles: [{ ...truck, capacityKg: -5 }] }, 'vehicles.0.capacityKg'],
      [{ vehicles: [{ ...truck, capacityKg: 1_000_000.001 }] }, 'vehicles.0.capacityKg'],
      [{ vehicles: [{ ...truck, capacityKg: 1.0005 }] }, 'vehicles.0.capacityKg'],
      [{ vehicles: [{ ...truck, capacityKg: '100' }] }, 'vehicles.0.capacityKg'],
      [{ vehicles: [{ ...truck, costPerKmMinor: -1 }] }, 'vehicles.0.costPerKmMinor'],
      [{ vehicles: [{ ...truck, costPerKmMinor: 1.5 }] }, 'vehicles.0.costPerKmMinor'],
      [{ vehicles: [{ ...truck, extra: 1 }] }, 'vehicles.0.extra'],
      [{ extra: 1 }, 'extra'],
    ])('rejects %j naming %s, writing nothing', async (change, field) => {
      const before = await counts();
      const reply = await api.as(admin).post('/transport-organisers', { body: organiser(change as Invalid) });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(reply.body.message).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      expect(
        (await api.as(admin).get('/transport-organisers/{id}', { params: { id: UNKNOWN_ID } })).status,
      ).toBe(404);
      expect(
        (await api.as(admin).get('/transport-organisers/{id}', { params: { id: 'not-a-uuid' } })).status,
      ).toBe(400);
    });

    it('pages the list', async () => {
      await createOrganiser();
      await createOrganiser();
      const first = await api.as(admin).get('/transport-organisers', { query: { limit: 1, offset: 0 } });
      const second = await api.as(admin).get('/transport-organisers', { query: { limit: 1, offset: 1 } });
      expect(first.body.items).toHaveLength(1);
      expect(second.body.items).toHaveLength(1);
      expect(first.body.items[0].id).not.toBe(second.body.items[0].id);
      expect(first.body.total).toBeGreaterThanOrEqual((await counts()).organisers);
    });

    it('needs a token and the admin role to create', async () => {
      const before = await counts();
      expect((await api.anonymous().get('/transport-organisers')).status).toBe(401);
      expect((await api.anonymous().post('/transport-organisers', { body: organiser() })).status).toBe(401);
      expect((await api.as(cooperativeUser).get('/transport-organisers')).status).toBe(403);
      expect(
        (await api.as(cooperativeUser).post('/transport-organisers', { body: organiser() })).status,
      ).toBe(403);
      expect(await counts()).toEqual(before);
    });

    describe('as a transporter', () => {
      let own: { id: string };
      let other: { id: string };
      let token: string;

      beforeAll(async () => {
        own = await createOrganiser();
        other = await createOrganiser();
        token = await userToken(api, admin, 'transporter', { transportOrganiserId: own.id });
      });

      it('reads its own organiser and lists only it', async () => {
        const one = await api.as(token).get('/transport-organisers/{id}', { params: { id: own.id } });
        expect(one.status).toBe(200);
        expect(one.body).toEqual(own);
        const list = await api.as(token).get('/transport-organisers');
        expect(list.status).toBe(200);
        expect(list.body).toEqual({ items: [own], total: 1 });
      });

      it("gets 404 for another organiser's id", async () => {
        const reply = await api.as(token).get('/transport-organisers/{id}', { params: { id: other.id } });
        expect(reply.status).toBe(404);
        expect(reply.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'transport organiser not found',
        });
      });

      it('may not create organisers nor see pickup points', async () => {
        const before = await counts();
        expect((await api.as(token).post('/transport-organisers', { body: organiser() })).status).toBe(403);
        expect((await api.as(token).get('/pickup-points')).status).toBe(403);
        expect(await counts()).toEqual(before);
      });
    });
  });
});
