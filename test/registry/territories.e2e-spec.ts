import { adminToken, Http, startTestApp, unique, userToken, type TestApp } from '../support/test-app';

describe('territories', () => {
  let t: TestApp;
  let http: Http;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    http = new Http(t.app);
    admin = await adminToken(http, t.dataSource);
  });
  afterAll(() => t.close());

  const jette = { name: 'Jette', countryCode: 'BE', timezone: 'Europe/Brussels', currency: 'EUR' };

  it('creates a territory and lists it', async () => {
    const created = await http.as(admin).post('/api/v1/territories', jette);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...jette, id: expect.any(String) });
    const one = await http.as(admin).get(`/api/v1/territories/${created.body.id}`);
    expect(one.body).toEqual(created.body);
    const list = await http.as(admin).get('/api/v1/territories?limit=500');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(created.body);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [{ countryCode: 'XX' }, 'countryCode'],
    [{ timezone: 'Europe/Jette' }, 'timezone'],
    [{ currency: 'EURO' }, 'currency'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ extra: 1 }, 'extra'],
    [{ countryCode: 32 }, 'countryCode'],
  ])('rejects %j naming %s, writing nothing', async (change, field) => {
    // A name of its own, so that territories other test files create meanwhile do not count.
    const body = { ...jette, name: unique('rejected'), ...change };
    const reply = await http.as(admin).post('/api/v1/territories', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(field);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM territories WHERE name = $1', [
      body.name,
    ]);
    expect(n).toBe(0);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (await http.as(admin).get('/api/v1/territories/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await http.as(admin).get('/api/v1/territories/not-a-uuid')).status).toBe(400);
  });

  it('needs a token and the admin role', async () => {
    expect((await http.anonymous().get('/api/v1/territories')).status).toBe(401);
    const cooperative = await t.dataSource.query(
      `INSERT INTO cooperatives (territory_id, name, contact_email, local_sales_share)
       SELECT id, 'Coop', 'coop@test.example', 0.5 FROM territories LIMIT 1 RETURNING id`,
    );
    const token = await userToken(http, admin, 'cooperative', { cooperativeId: cooperative[0].id });
    expect((await http.as(token).get('/api/v1/territories')).status).toBe(403);
    expect((await http.as(token).post('/api/v1/territories', jette)).status).toBe(403);
  });
});
