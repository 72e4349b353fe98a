import { Api, type Invalid, type RequestBody } from '../support/api';
import { adminToken, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
import { transportOrganiser } from '../support/rows';

type NewCooperative = RequestBody<'/cooperatives', 'post'>;
type Certificate = NonNullable<NewCooperative['certificates']>[number];

describe('cooperatives', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let territoryId: string;

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
  });
  afterAll(() => t.close());

  const organic: Certificate = {
    kind: 'organic',
    body: 'Ecocert',
    number: 'MA-BIO-1',
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
  };
  const pgs: Certificate = {
    kind: 'pgs',
    body: 'Réseau PGS',
    number: 'PGS-7',
    validFrom: '2026-06-01',
    validTo: '2026-06-01',
  };
  const cooperative = (extra: Partial<NewCooperative> = {}): NewCooperative => ({
    territoryId,
    name: unique('Tifawin'),
    contactEmail: 'contact@tifawin.example',
    localSalesShare: 0.65,
    certificates: [organic, pgs],
    ...extra,
  });

  /**
   * Rows in this file's territory: other test files run at the same time against the same
   * database, so whole-table counts would race with them.
   */
  async function counts(): Promise<{ cooperatives: number; certificates: number }> {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM cooperatives WHERE territory_id = $1) AS cooperatives,
              (SELECT count(*)::int FROM certificates c JOIN cooperatives o ON o.id = c.cooperative_id
                WHERE o.territory_id = $1) AS certificates`,
      [territoryId],
    );
    return row;
  }

  async function createCooperative(extra: Partial<NewCooperative> = {}) {
    const reply = await api.as(admin).post('/cooperatives', { body: cooperative(extra) });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  it('creates a cooperative with its certificates and reads it back', async () => {
    const before = await counts();
    const body = cooperative();
    const created = await api.as(admin).post('/cooperatives', { body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      territoryId,
      name: body.name,
      contactEmail: body.contactEmail,
      localSalesShare: 0.65,
      certificates: [
        { ...organic, id: expect.any(String) },
        { ...pgs, id: expect.any(String) },
      ],
    });
    expect(await counts()).toEqual({
      cooperatives: before.cooperatives + 1,
      certificates: before.certificates + 2,
    });
    const rows = await t.dataSource.query(
      `SELECT kind, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM certificates WHERE cooperative_id = $1 ORDER BY valid_from`,
      [created.body.id],
    );
    expect(rows).toEqual([
      { kind: 'organic', valid_to: '2027-12-31' },
      { kind: 'pgs', valid_to: '2026-06-01' },
    ]);

    const one = await api.as(admin).get('/cooperatives/{id}', { params: { id: created.body.id } });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
    const list = await api.as(admin).get('/cooperatives', { query: { limit: 500 } });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(created.body);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
  });

  it('creates a cooperative without certificates', async () => {
    const created = await createCooperative({ certificates: [], localSalesShare: 1 });
    expect(created.certificates).toEqual([]);
    expect(created.localSalesShare).toBe(1);
    const { certificates, ...withoutCertificates } = cooperative();
    expect(certificates).toHaveLength(2);
    const reply = await api.as(admin).post('/cooperatives', { body: withoutCertificates });
    expect(reply.status).toBe(201);
    expect(reply.body.certificates).toEqual([]);
  });

  it('accepts 50 certificates, written in one go', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ ...organic, number: `N-${i}` }));
    const created = await createCooperative({ certificates: many });
    expect(created.certificates).toHaveLength(50);
    const [row] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM certificates WHERE cooperative_id = $1',
      [created.id],
    );
    expect(row.n).toBe(50);
  });

  it.each([
    [{ territoryId: 'not-a-uuid' }, 'territoryId'],
    [{ territoryId: undefined }, 'territoryId'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ contactEmail: 'not-an-email' }, 'contactEmail'],
    [{ localSalesShare: 1.01 }, 'localSalesShare'],
    [{ localSalesShare: -0.1 }, 'localSalesShare'],
    [{ localSalesShare: '0.5' }, 'localSalesShare'],
    [{ localSalesShare: 0.123456 }, 'localSalesShare'],
    [{ extra: true }, 'extra'],
    [{ certificates: 'organic' }, 'certificates'],
    [{ certificates: Array.from({ length: 51 }, () => organic) }, 'certificates'],
    [{ certificates: [organic, { ...organic, kind: 'fairtrade' }] }, 'certificates.1.kind'],
    [{ certificates: [{ ...organic, body: '' }] }, 'certificates.0.body'],
    [{ certificates: [{ ...organic, number: 'n'.repeat(101) }] }, 'certificates.0.number'],
    [{ certificates: [{ ...organic, validFrom: '2026-13-01' }] }, 'certificates.0.validFrom'],
    [{ certificates: [{ ...organic, validFrom: '2026-02-30' }] }, 'certificates.0.validFrom'],
    [{ certificates: [{ ...organic, validTo: '2027-12-31T00:00:00Z' }] }, 'certificates.0.validTo'],
    [
      { certificates: [{ ...organic, validFrom: '2027-01-02', validTo: '2027-01-01' }] },
      'certificates.0.validTo',
    ],
    [{ certificates: [{ ...organic, extra: 1 }] }, 'certificates.0.extra'],
    [{ certificates: [{ ...organic, number: undefined }] }, 'certificates.0.number'],
  ])('rejects %j naming %s, writing nothing', async (change, field) => {
    const before = await counts();
    const reply = await api.as(admin).post('/cooperatives', { body: cooperative(change as Invalid) });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('rejects an unknown territory with 400 naming territoryId, writing nothing', async () => {
    const before = await counts();
    const reply = await api
      .as(admin)
      .post('/cooperatives', { body: cooperative({ territoryId: '00000000-0000-4000-8000-000000000000' }) });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('territoryId: no such territory');
    expect(await counts()).toEqual(before);
  });

  it('adds a certificate to an existing cooperative', async () => {
    const created = await createCooperative({ certificates: [organic] });
    const added = await api
      .as(admin)
      .post('/cooperatives/{id}/certificates', { params: { id: created.id }, body: pgs });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ ...pgs, id: expect.any(String) });
    const one = await api.as(admin).get('/cooperatives/{id}', { params: { id: created.id } });
    expect(one.body.certificates).toEqual([...created.certificates, added.body]);

    const before = await counts();
    const bad = await api.as(admin).post('/cooperatives/{id}/certificates', {
      params: { id: created.id },
      body: { ...pgs, validFrom: '2026-06-02' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('validTo');
    const missing = await api.as(admin).post('/cooperatives/{id}/certificates', {
      params: { id: '00000000-0000-4000-8000-000000000000' },
      body: pgs,
    });
    expect(missing.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (
        await api
          .as(admin)
          .get('/cooperatives/{id}', { params: { id: '00000000-0000-4000-8000-000000000000' } })
      ).status,
    ).toBe(404);
    expect((await api.as(admin).get('/cooperatives/{id}', { params: { id: 'not-a-uuid' } })).status).toBe(
      400,
    );
    expect((await api.as(admin).get('/cooperatives', { query: { limit: 0 } })).status).toBe(400);
  });

  it('pages the list', async () => {
    await createCooperative();
    await createCooperative();
    const first = await api.as(admin).get('/cooperatives', { query: { limit: 1, offset: 0 } });
    const second = await api.as(admin).get('/cooperatives', { query: { limit: 1, offset: 1 } });
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect(first.body.items[0].id).not.toBe(second.body.items[0].id);
    expect(first.body.total).toBe(second.body.total);
    expect(first.body.total).toBeGreaterThanOrEqual((await counts()).cooperatives);
  });

  it('needs a token', async () => {
    expect((await api.anonymous().get('/cooperatives')).status).toBe(401);
    expect((await api.anonymous().post('/cooperatives', { body: cooperative() })).status).toBe(401);
  });

  describe('as a cooperative user', () => {
    let own: { id: string };
    let other: { id: string };
    let token: string;

    beforeAll(async () => {
      own = await createCooperative();
      other = await createCooperative();
      token = await userToken(api, admin, 'cooperative', { cooperativeId: own.id });
    });

    it('reads its own cooperative and lists only it', async () => {
      const one = await api.as(token).get('/cooperatives/{id}', { params: { id: own.id } });
      expect(one.status).toBe(200);
      expect(one.body).toEqual(own);
      const list = await api.as(token).get('/cooperatives');
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [own], total: 1 });
    });

    it("gets 404 for another cooperative's id, as for an unknown one", async () => {
      const reply = await api.as(token).get('/cooperatives/{id}', { params: { id: other.id } });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'cooperative not found' });
    });

    it('may not create cooperatives or certificates', async () => {
      const before = await counts();
      expect((await api.as(token).post('/cooperatives', { body: cooperative() })).status).toBe(403);
      expect(
        (await api.as(token).post('/cooperatives/{id}/certificates', { params: { id: own.id }, body: pgs }))
          .status,
      ).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it('other roles are refused with 403', async () => {
      const transporter = await userToken(api, admin, 'transporter', {
        transportOrganiserId: await transportOrganiser(t.dataSource),
      });
      expect((await api.as(transporter).get('/cooperatives')).status).toBe(403);
      expect((await api.as(transporter).get('/cooperatives/{id}', { params: { id: own.id } })).status).toBe(
        403,
      );
    });
  });
});
