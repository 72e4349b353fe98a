import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import { cooperativeId, count, createTerritory, productBody, UNKNOWN_ID } from './registry-fixtures';

describe('products', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });
  afterAll(() => t.close());

  // other test files write products at the same time: a rejected write is looked for by its name
  const namedProducts = (name: unknown) => count(t.dataSource, 'products WHERE name = $1', [name]);

  it('creates a product with numeric weights and lists it', async () => {
    const body = productBody();
    const created = await api.as(admin).post('/products', { body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...body, id: expect.any(String) });
    const one = await api.as(admin).get('/products/{id}', { params: { id: created.body.id } });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
    expect(typeof one.body.unitNetKg).toBe('number');
    expect(typeof one.body.unitGrossKg).toBe('number');
    const countBefore = await count(t.dataSource, 'products'); // other test files add rows meanwhile
    const list = await api.as(admin).get('/products', { query: { limit: 500 } });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(created.body);
    expect(list.body.total).toBeGreaterThanOrEqual(countBefore);
    expect(list.body.total).toBeLessThanOrEqual(await count(t.dataSource, 'products'));
    const [row] = await t.dataSource.query(
      'SELECT hs_code, unit_net_kg, unit_gross_kg FROM products WHERE id = $1',
      [created.body.id],
    );
    expect(row).toEqual({ hs_code: '151590', unit_net_kg: '0.9200', unit_gross_kg: '1.4500' });
  });

  it('accepts equal net and gross weights and a 10-digit HS code', async () => {
    const body = { ...productBody(), hsCode: '0702000010', unitNetKg: 1, unitGrossKg: 1 };
    const created = await api.as(admin).post('/products', { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ hsCode: '0702000010', unitNetKg: 1, unitGrossKg: 1 });
  });

  it.each([
    [{ hsCode: '12345' }, 'hsCode'],
    [{ hsCode: '12345678901' }, 'hsCode'],
    [{ hsCode: '07020a' }, 'hsCode'],
    [{ hsCode: 70200 }, 'hsCode'],
    [{ unitNetKg: 0 }, 'unitNetKg'],
    [{ unitNetKg: -1 }, 'unitNetKg'],
    [{ unitNetKg: '1' }, 'unitNetKg'],
    [{ unitNetKg: 0.123456 }, 'unitNetKg'],
    [{ unitGrossKg: 0.5 }, 'unitGrossKg'],
    [{ unitGrossKg: undefined }, 'unitGrossKg'],
    [{ name: '' }, 'name'],
    [{ unit: 'x'.repeat(41) }, 'unit'],
    [{ category: 'x'.repeat(81) }, 'category'],
    [{ extra: true }, 'extra'],
  ])('rejects %j naming %s, writing nothing', async (change, field) => {
    const body = { ...productBody(), ...change };
    const reply = await api.as(admin).post('/products', { body: body as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(field);
    expect(await namedProducts(body.name)).toBe(0);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await api.as(admin).get('/products/{id}', { params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await api.as(admin).get('/products/{id}', { params: { id: 'not-a-uuid' } })).status).toBe(400);
  });

  it('needs a token and the admin role', async () => {
    expect((await api.anonymous().get('/products')).status).toBe(401);
    expect((await api.anonymous().post('/products', { body: productBody() })).status).toBe(401);
    const coop = await cooperativeId(t.dataSource, await createTerritory(api, admin));
    const token = await userToken(api, admin, 'cooperative', { cooperativeId: coop });
    const body = productBody();
    expect((await api.as(token).post('/products', { body })).status).toBe(403);
    expect(await namedProducts(body.name)).toBe(0);
    expect((await api.as(token).get('/products')).status).toBe(403);
    const [any] = await t.dataSource.query('SELECT id FROM products LIMIT 1');
    expect((await api.as(token).get('/products/{id}', { params: { id: any.id } })).status).toBe(403);
  });
});
