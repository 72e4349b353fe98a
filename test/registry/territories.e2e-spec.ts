import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
import { cooperative, territory } from '../support/rows';

describe('territories', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });
  afterAll(() => t.close());

  const jette = { name: 'Jette', countryCode: 'BE', timezone: 'Europe/Brussels', currency: 'EUR' };

  it('creates a territory and lists it', async () => {
    const created = await api.as(admin).post('/territories', { body: jette });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...jette, id: expect.any(String) });
    const one = await api.as(admin).get('/territories/{id}', { params: { id: created.body.id } });
    expect(one.body).toEqual(created.body);
    const list = await api.as(admin).get('/territories', { query: { limit: 500 } });
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
    const reply = await api.as(admin).post('/territories', { body: body as Invalid });
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
      (
        await api
          .as(admin)
          .get('/territories/{id}', { params: { id: '00000000-0000-4000-8000-000000000000' } })
      ).status,
    ).toBe(404);
    expect((await api.as(admin).get('/territories/{id}', { params: { id: 'not-a-uuid' } })).status).toBe(400);
  });

  it('needs a token and the admin role', async () => {
    expect((await api.anonymous().get('/territories')).status).toBe(401);
    const cooperativeId = await cooperative(
      t.dataSource,
      await territory(t.dataSource, 'MA', 'Africa/Casablanca', 'MAD'),
    );
    const token = await userToken(api, admin, 'cooperative', { cooperativeId });
    expect((await api.as(token).get('/territories')).status).toBe(403);
    expect((await api.as(token).post('/territories', { body: jette })).status).toBe(403);
  });
});
