import { Api, type Invalid, type RequestBody } from '../support/api';
import { adminToken, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
import {
  cooperativeId,
  count,
  createProduct,
  createTerritory,
  UNKNOWN_ID,
  userIdOf,
} from './registry-fixtures';

type Rules = RequestBody<'/partnerships/{id}/charter', 'put'>['rules'];

describe('partnerships', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let jette: string;
  let aitOurir: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    jette = await createTerritory(api, admin);
    aitOurir = await createTerritory(api, admin);
  });
  afterAll(() => t.close());

  const written = async () => ({
    // scoped to this file's territories and admin: other test files write at the same time
    partnerships: await count(
      t.dataSource,
      'partnerships WHERE territory_a_id = ANY($1) OR territory_b_id = ANY($1)',
      [[jette, aitOurir]],
    ),
    charters: await count(t.dataSource, 'charter_versions WHERE created_by = $1', [userIdOf(admin)]),
    audit: await count(t.dataSource, 'audit_log WHERE actor_user_id = $1', [userIdOf(admin)]),
  });

  it('creates a partnership with its charter version 1 and an audit entry', async () => {
    const product = await createProduct(api, admin);
    const rules: Rules = {
      organicRequired: true,
      excludedProductIds: [product],
      forbiddenTransportModes: ['air'],
    };
    const body = { name: unique('Jette – Aït Ourir'), territoryIds: [jette, aitOurir], charter: { rules } };
    const created = await api.as(admin).post('/partnerships', { body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: body.name,
      territoryIds: [jette, aitOurir],
      charterVersion: 1,
    });

    const one = await api.as(admin).get('/partnerships/{id}', { params: { id: created.body.id } });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
    const countBefore = await count(t.dataSource, 'partnerships'); // other test files add rows meanwhile
    const list = await api.as(admin).get('/partnerships', { query: { limit: 500 } });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(created.body);
    expect(list.body.total).toBeGreaterThanOrEqual(countBefore);
    expect(list.body.total).toBeLessThanOrEqual(await count(t.dataSource, 'partnerships'));

    const versions = await t.dataSource.query(
      'SELECT version, rules FROM charter_versions WHERE partnership_id = $1',
      [created.body.id],
    );
    expect(versions).toEqual([{ version: 1, rules }]);
    const audit = await t.dataSource.query(
      `SELECT a.action, a.details, u.email FROM audit_log a JOIN users u ON u.id = a.actor_user_id
       WHERE a.subject_type = 'partnership' AND a.subject_id = $1`,
      [created.body.id],
    );
    expect(audit).toEqual([
      {
        action: 'charter.changed',
        details: expect.objectContaining({ version: 1 }),
        email: expect.stringMatching(/^admin-/),
      },
    ]);
  });

  it('gives an empty charter when none is sent', async () => {
    const created = await api
      .as(admin)
      .post('/partnerships', { body: { name: unique('P'), territoryIds: [aitOurir, jette] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ territoryIds: [aitOurir, jette], charterVersion: 1 });
    const charter = await api
      .as(admin)
      .get('/partnerships/{id}/charter', { params: { id: created.body.id } });
    expect(charter.body).toMatchObject({ version: 1, rules: {} });
  });

  const valid = () => ({ name: unique('P'), territoryIds: [jette, aitOurir] });
  it.each([
    [{ territoryIds: undefined }, 'territoryIds'],
    [{ territoryIds: [] }, 'territoryIds'],
    [{ territoryIds: ['JETTE'] }, 'territoryIds'],
    [{ territoryIds: 'x' }, 'territoryIds'],
    [{ territoryIds: ['not-a-uuid', UNKNOWN_ID] }, 'territoryIds'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ charter: { rules: { maxExportShare: 1.5 } } }, 'charter.rules.maxExportShare'],
    [{ charter: { rules: { color: 'red' } } }, 'charter.rules.color'],
    [{ charter: { rules: { excludedProductIds: [UNKNOWN_ID] } } }, 'charter.rules.excludedProductIds'],
    [{ charter: {} }, 'charter.rules'],
    [{ charter: 'strict' }, 'charter'],
    [{ colour: 'green' }, 'colour'],
  ])('rejects %j naming %s, writing nothing', async (change, field) => {
    const before = await written();
    const reply = await api.as(admin).post('/partnerships', { body: { ...valid(), ...change } as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(field);
    expect(await written()).toEqual(before);
  });

  it('rejects the same territory twice and an unknown territory, naming territoryIds', async () => {
    const before = await written();
    const same = await api
      .as(admin)
      .post('/partnerships', { body: { ...valid(), territoryIds: [jette, jette] } });
    expect(same.status).toBe(400);
    expect(same.body.message).toContain('territoryIds');
    const unknown = await api
      .as(admin)
      .post('/partnerships', { body: { ...valid(), territoryIds: [jette, UNKNOWN_ID] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe(`territoryIds: no such territory ${UNKNOWN_ID}`);
    expect(await written()).toEqual(before);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await api.as(admin).get('/partnerships/{id}', { params: { id: UNKNOWN_ID } })).status).toBe(404);
    expect((await api.as(admin).get('/partnerships/{id}', { params: { id: 'not-a-uuid' } })).status).toBe(
      400,
    );
  });

  it('needs a token and the admin role', async () => {
    const [any] = await t.dataSource.query('SELECT id FROM partnerships LIMIT 1');
    expect((await api.anonymous().get('/partnerships')).status).toBe(401);
    expect((await api.anonymous().get('/partnerships/{id}', { params: { id: any.id } })).status).toBe(401);
    expect((await api.anonymous().post('/partnerships', { body: valid() })).status).toBe(401);
    const token = await userToken(api, admin, 'cooperative', {
      cooperativeId: await cooperativeId(t.dataSource, jette),
    });
    const before = await written();
    expect((await api.as(token).post('/partnerships', { body: valid() })).status).toBe(403);
    expect(await written()).toEqual(before);
    expect((await api.as(token).get('/partnerships')).status).toBe(403);
    expect((await api.as(token).get('/partnerships/{id}', { params: { id: any.id } })).status).toBe(403);
  });
});
