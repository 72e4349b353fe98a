import { randomUUID } from 'node:crypto';
import { Api, type Invalid, type RequestBody } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import {
  cooperativeId,
  count,
  createPartnership,
  createProduct,
  createTerritory,
  UNKNOWN_ID,
  userIdOf,
} from './registry-fixtures';

type Rules = RequestBody<'/partnerships/{id}/charter', 'put'>['rules'];

describe('charter', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let adminId: string;
  let partnership: string;
  let products: string[];

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    adminId = userIdOf(admin);
    partnership = await createPartnership(api, admin);
    products = [
      await createProduct(api, admin),
      await createProduct(api, admin),
      await createProduct(api, admin),
    ];
  });
  afterAll(() => t.close());

  const versionsOf = (id: string) => count(t.dataSource, 'charter_versions WHERE partnership_id = $1', [id]);
  const auditOf = (id: string) =>
    count(t.dataSource, `audit_log WHERE subject_id = $1 AND action = 'charter.changed'`, [id]);

  it('adds a version with every rule, serves it as current and by number, and audits it', async () => {
    const id = await createPartnership(api, admin, { organicRequired: false });
    const rules: Rules = {
      organicRequired: true,
      minLocalSalesShare: 0.6,
      maxExportShare: 0.4,
      maxMonthlyVariation: 0.25,
      excludedProductIds: [products[0]],
      priceFloors: [
        { productId: products[1], minUnitPriceMinor: 850 },
        { productId: products[2], minUnitPriceMinor: 0 },
      ],
      forbiddenTransportModes: ['air', 'road'],
      maxEmissionsGramsPerKg: 350.5,
    };
    const put = await api.as(admin).put('/partnerships/{id}/charter', { params: { id }, body: { rules } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ partnershipId: id, version: 2, rules, createdAt: expect.any(String) });
    expect(new Date(put.body.createdAt).toISOString()).toBe(put.body.createdAt);

    const current = await api.as(admin).get('/partnerships/{id}/charter', { params: { id } });
    expect(current.status).toBe(200);
    expect(current.body).toEqual(put.body);
    const first = await api
      .as(admin)
      .get('/partnerships/{id}/charter', { params: { id }, query: { version: 1 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ partnershipId: id, version: 1, rules: { organicRequired: false } });
    const second = await api
      .as(admin)
      .get('/partnerships/{id}/charter', { params: { id }, query: { version: 2 } });
    expect(second.body).toEqual(put.body);
    expect((await api.as(admin).get('/partnerships/{id}', { params: { id } })).body.charterVersion).toBe(2);

    const list = await api.as(admin).get('/partnerships/{id}/charter/versions', { params: { id } });
    expect(list.status).toBe(200);
    const author = { userId: adminId, email: expect.stringMatching(/^admin-.*@test\.example$/) };
    expect(list.body).toEqual({
      items: [
        { ...first.body, author, changedRules: ['organicRequired'] },
        {
          ...put.body,
          author,
          changedRules: [
            'organicRequired',
            'minLocalSalesShare',
            'maxExportShare',
            'maxMonthlyVariation',
            'excludedProductIds',
            'priceFloors',
            'forbiddenTransportModes',
            'maxEmissionsGramsPerKg',
          ],
        },
      ],
      total: 2,
    });

    const [stored] = await t.dataSource.query(
      'SELECT rules, created_by FROM charter_versions WHERE partnership_id = $1 AND version = 2',
      [id],
    );
    expect(stored).toEqual({ rules, created_by: adminId });
    const audit = await t.dataSource.query(
      `SELECT actor_user_id, details FROM audit_log WHERE subject_type = 'partnership' AND subject_id = $1
       AND action = 'charter.changed' ORDER BY created_at`,
      [id],
    );
    expect(
      audit.map((a: { actor_user_id: string; details: { version: number } }) => [
        a.actor_user_id,
        a.details.version,
      ]),
    ).toEqual([
      [adminId, 1],
      [adminId, 2],
    ]);
  });

  it('accepts empty rules and the bounds of each rule', async () => {
    const bounds: Rules = {
      minLocalSalesShare: 0,
      maxExportShare: 1,
      maxMonthlyVariation: 0,
      priceFloors: [{ productId: products[0], minUnitPriceMinor: 1_000_000_000_000 }],
      forbiddenTransportModes: ['road', 'rail', 'sea', 'air'],
      maxEmissionsGramsPerKg: 1_000_000,
      excludedProductIds: [],
    };
    const put = await api
      .as(admin)
      .put('/partnerships/{id}/charter', { params: { id: partnership }, body: { rules: bounds } });
    expect(put.status).toBe(200);
    expect(put.body.rules).toEqual(bounds);
    const empty = await api
      .as(admin)
      .put('/partnerships/{id}/charter', { params: { id: partnership }, body: { rules: {} } });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ version: put.body.version + 1, rules: {} });
  });

  it('shows in the history who saved each version and which rules it changed', async () => {
    const id = await createPartnership(api, admin, { maxExportShare: 0.4, organicRequired: true });
    const put = await api.as(admin).put('/partnerships/{id}/charter', {
      params: { id },
      body: { rules: { maxExportShare: 0.5, organicRequired: true } },
    });
    expect(put.status).toBe(200);
    const unchanged = await api
      .as(admin)
      .put('/partnerships/{id}/charter', { params: { id }, body: { rules: put.body.rules } });
    expect(unchanged.status).toBe(200);
    const author = { userId: adminId, email: expect.stringMatching(/^admin-.*@test\.example$/) };
    const paged = await api
      .as(admin)
      .get('/partnerships/{id}/charter/versions', { params: { id }, query: { offset: 1 } });
    expect(paged.body).toEqual({
      items: [
        { ...put.body, author, changedRules: ['maxExportShare'] },
        { ...unchanged.body, author, changedRules: [] },
      ],
      total: 3,
    });
  });

  it('numbers versions one after another, also for concurrent changes', async () => {
    const id = await createPartnership(api, admin);
    const sequential = await api
      .as(admin)
      .put('/partnerships/{id}/charter', { params: { id }, body: { rules: { maxExportShare: 0.5 } } });
    expect(sequential.body.version).toBe(2);

    const pair = await Promise.all([
      api
        .as(admin)
        .put('/partnerships/{id}/charter', { params: { id }, body: { rules: { maxExportShare: 0.1 } } }),
      api
        .as(admin)
        .put('/partnerships/{id}/charter', { params: { id }, body: { rules: { maxExportShare: 0.2 } } }),
    ]);
    expect(pair.map((r) => r.status)).toEqual([200, 200]);
    expect(pair.map((r) => r.body.version).sort()).toEqual([3, 4]);

    const burst = await Promise.all(
      [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((share) =>
        api
          .as(admin)
          .put('/partnerships/{id}/charter', { params: { id }, body: { rules: { maxExportShare: share } } }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(burst.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10]);

    const stored = await t.dataSource.query(
      'SELECT version FROM charter_versions WHERE partnership_id = $1 ORDER BY version',
      [id],
    );
    expect(stored.map((row: { version: number }) => row.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await auditOf(id)).toBe(10);
    expect((await api.as(admin).get('/partnerships/{id}/charter', { params: { id } })).body.version).toBe(10);
  });

  const tooMany = () => Array.from({ length: 501 }, () => randomUUID());
  it.each([
    [{ organicRequired: 'yes' }, 'rules.organicRequired'],
    [{ minLocalSalesShare: -0.1 }, 'rules.minLocalSalesShare'],
    [{ minLocalSalesShare: 1.01 }, 'rules.minLocalSalesShare'],
    [{ minLocalSalesShare: '0.5' }, 'rules.minLocalSalesShare'],
    [{ maxExportShare: 2 }, 'rules.maxExportShare'],
    [{ maxMonthlyVariation: -1 }, 'rules.maxMonthlyVariation'],
    [{ excludedProductIds: 'all' }, 'rules.excludedProductIds'],
    [{ excludedProductIds: ['not-a-uuid'] }, 'rules.excludedProductIds'],
    [{ excludedProductIds: [UNKNOWN_ID] }, 'rules.excludedProductIds.0'],
    [{ priceFloors: {} }, 'rules.priceFloors'],
    [{ priceFloors: [5] }, 'rules.priceFloors.0'],
    [{ priceFloors: [{ productId: UNKNOWN_ID, minUnitPriceMinor: 5 }] }, 'rules.priceFloors.0.productId'],
    [{ priceFloors: [{ productId: 'x', minUnitPriceMinor: 5 }] }, 'rules.priceFloors.0.productId'],
    [{ priceFloors: [{ minUnitPriceMinor: 5 }] }, 'rules.priceFloors.0.productId'],
    [
      { priceFloors: [{ productId: UNKNOWN_ID, minUnitPriceMinor: -1 }] },
      'rules.priceFloors.0.minUnitPriceMinor',
    ],
    [
      { priceFloors: [{ productId: UNKNOWN_ID, minUnitPriceMinor: 1.5 }] },
      'rules.priceFloors.0.minUnitPriceMinor',
    ],
    [
      { priceFloors: [{ productId: UNKNOWN_ID, minUnitPriceMinor: 1e12 + 1 }] },
      'rules.priceFloors.0.minUnitPriceMinor',
    ],
    [
      { priceFloors: [{ productId: UNKNOWN_ID, minUnitPriceMinor: 1, currency: 'EUR' }] },
      'rules.priceFloors.0.currency',
    ],
    [{ forbiddenTransportModes: ['boat'] }, 'rules.forbiddenTransportModes'],
    [{ forbiddenTransportModes: ['air', 'air'] }, 'rules.forbiddenTransportModes'],
    [{ forbiddenTransportModes: 'air' }, 'rules.forbiddenTransportModes'],
    [{ maxEmissionsGramsPerKg: -1 }, 'rules.maxEmissionsGramsPerKg'],
    [{ maxEmissionsGramsPerKg: 1_000_001 }, 'rules.maxEmissionsGramsPerKg'],
    [{ maxEmissionsGramsPerKg: '10' }, 'rules.maxEmissionsGramsPerKg'],
    [{ fairTrade: true }, 'rules.fairTrade'],
  ])('rejects rules %j naming %s, writing nothing', async (rules, field) => {
    const before = [await versionsOf(partnership), await auditOf(partnership)];
    const reply = await api
      .as(admin)
      .put('/partnerships/{id}/charter', { params: { id: partnership }, body: { rules } as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(field);
    expect([await versionsOf(partnership), await auditOf(partnership)]).toEqual(before);
  });

  it('rejects more than 500 excluded products or price floors, writing nothing', async () => {
    const before = [await versionsOf(partnership), await auditOf(partnership)];
    const excluded = await api.as(admin).put('/partnerships/{id}/charter', {
      params: { id: partnership },
      body: { rules: { excludedProductIds: tooMany() } },
    });
    expect(excluded.status).toBe(400);
    expect(excluded.body.message).toContain(
      'rules.excludedProductIds must contain no more than 500 elements',
    );
    const floors = tooMany().map((productId) => ({ productId, minUnitPriceMinor: 1 }));
    const floored = await api.as(admin).put('/partnerships/{id}/charter', {
      params: { id: partnership },
      body: { rules: { priceFloors: floors } },
    });
    expect(floored.status).toBe(400);
    expect(floored.body.message).toContain('rules.priceFloors must contain no more than 500 elements');
    expect([await versionsOf(partnership), await auditOf(partnership)]).toEqual(before);
  });

  it('rejects a product excluded twice or given two price floors, writing nothing', async () => {
    const before = [await versionsOf(partnership), await auditOf(partnership)];
    const twice = await api.as(admin).put('/partnerships/{id}/charter', {
      params: { id: partnership },
      body: {
        rules: { excludedProductIds: [products[0], products[0].toUpperCase()] },
      },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toContain('rules.excludedProductIds.1');
    const floors = await api.as(admin).put('/partnerships/{id}/charter', {
      params: { id: partnership },
      body: {
        rules: {
          priceFloors: [
            { productId: products[1], minUnitPriceMinor: 1 },
            { productId: products[1], minUnitPriceMinor: 2 },
          ],
        },
      },
    });
    expect(floors.status).toBe(400);
    expect(floors.body.message).toContain('rules.priceFloors.1.productId');
    expect([await versionsOf(partnership), await auditOf(partnership)]).toEqual(before);
  });

  it.each([
    [{}, 'rules'],
    [{ rules: [] }, 'rules'],
    [{ rules: 'strict' }, 'rules'],
    [{ rules: {}, version: 3 }, 'version'],
  ])('rejects the body %j naming %s', async (body, field) => {
    const before = await versionsOf(partnership);
    const reply = await api
      .as(admin)
      .put('/partnerships/{id}/charter', { params: { id: partnership }, body: body as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(field);
    expect(await versionsOf(partnership)).toBe(before);
  });

  it('answers 404 for an unknown partnership or version, 400 for malformed ones', async () => {
    const mine = () => count(t.dataSource, 'charter_versions WHERE created_by = $1', [adminId]);
    const before = await mine();
    expect(
      (
        await api
          .as(admin)
          .put('/partnerships/{id}/charter', { params: { id: UNKNOWN_ID }, body: { rules: {} } })
      ).status,
    ).toBe(404);
    expect(await mine()).toBe(before);
    expect(
      (await api.as(admin).get('/partnerships/{id}/charter', { params: { id: UNKNOWN_ID } })).status,
    ).toBe(404);
    expect(
      (
        await api
          .as(admin)
          .get('/partnerships/{id}/charter', { params: { id: UNKNOWN_ID }, query: { version: 1 } })
      ).status,
    ).toBe(404);
    expect(
      (await api.as(admin).get('/partnerships/{id}/charter/versions', { params: { id: UNKNOWN_ID } })).status,
    ).toBe(404);
    const missing = await api
      .as(admin)
      .get('/partnerships/{id}/charter', { params: { id: partnership }, query: { version: 999 } });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('999');
    expect((await api.as(admin).get('/partnerships/{id}/charter', { params: { id: 'nope' } })).status).toBe(
      400,
    );
    expect(
      (await api.as(admin).put('/partnerships/{id}/charter', { params: { id: 'nope' }, body: { rules: {} } }))
        .status,
    ).toBe(400);
    for (const version of ['0', '-1', 'abc', '1.5']) {
      const reply = await api
        .as(admin)
        .get('/partnerships/{id}/charter', { params: { id: partnership }, query: { version } });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain('version');
    }
  });

  it('needs a token and the admin role', async () => {
    for (const read of [
      () => api.anonymous().get('/partnerships/{id}/charter', { params: { id: partnership } }),
      () =>
        api
          .anonymous()
          .get('/partnerships/{id}/charter', { params: { id: partnership }, query: { version: 1 } }),
      () => api.anonymous().get('/partnerships/{id}/charter/versions', { params: { id: partnership } }),
    ]) {
      expect((await read()).status).toBe(401);
    }
    expect(
      (
        await api
          .anonymous()
          .put('/partnerships/{id}/charter', { params: { id: partnership }, body: { rules: {} } })
      ).status,
    ).toBe(401);
    const territory = await createTerritory(api, admin);
    const token = await userToken(api, admin, 'cooperative', {
      cooperativeId: await cooperativeId(t.dataSource, territory),
    });
    const before = await versionsOf(partnership);
    expect(
      (
        await api
          .as(token)
          .put('/partnerships/{id}/charter', { params: { id: partnership }, body: { rules: {} } })
      ).status,
    ).toBe(403);
    expect(await versionsOf(partnership)).toBe(before);
    for (const read of [
      () => api.as(token).get('/partnerships/{id}/charter', { params: { id: partnership } }),
      () =>
        api
          .as(token)
          .get('/partnerships/{id}/charter', { params: { id: partnership }, query: { version: 1 } }),
      () => api.as(token).get('/partnerships/{id}/charter/versions', { params: { id: partnership } }),
    ]) {
      expect((await read()).status).toBe(403);
    }
  });
});
