import { randomUUID } from 'node:crypto';
import { AuditService } from '../../src/audit/audit.service';
import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, userToken, type TestApp } from '../support/test-app';
import {
  count,
  createGroup,
  createPartnership,
  createTerritory,
  UNKNOWN_ID,
  userIdOf,
} from './registry-fixtures';

describe('audit log', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let adminId: string;
  let partnership: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    adminId = userIdOf(admin);
    partnership = await createPartnership(api, admin);
    for (const share of [0.3, 0.4]) {
      const reply = await api.as(admin).put('/partnerships/{id}/charter', {
        params: { id: partnership },
        body: { rules: { maxExportShare: share } },
      });
      expect(reply.status).toBe(200);
    }
  });
  afterAll(() => t.close());

  it("lists a partnership's charter changes newest first, with the actor", async () => {
    const reply = await api
      .as(admin)
      .get('/audit-log', { query: { subjectType: 'partnership', subjectId: partnership } });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBe(3);
    expect(reply.body.items.map((e) => e.details.version)).toEqual([3, 2, 1]);
    const [newest] = reply.body.items;
    expect(newest).toEqual({
      id: expect.any(String),
      actorUserId: adminId,
      actorEmail: expect.stringMatching(/^admin-.*@test\.example$/),
      action: 'charter.changed',
      subjectType: 'partnership',
      subjectId: partnership,
      details: { version: 3, charterVersionId: expect.any(String) },
      createdAt: expect.any(String),
    });
    const [version] = await t.dataSource.query(
      'SELECT id FROM charter_versions WHERE partnership_id = $1 AND version = 3',
      [partnership],
    );
    expect(newest.details.charterVersionId).toBe(version.id);
    const times = reply.body.items.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages with limit and offset, and lists everything without a filter', async () => {
    const page = await api
      .as(admin)
      .get('/audit-log', { query: { subjectId: partnership, limit: 1, offset: 1 } });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].details.version).toBe(2);
    // other test files write entries at the same time: the total lies between two counts
    const before = await count(t.dataSource, 'audit_log');
    const all = await api.as(admin).get('/audit-log', { query: { limit: 500 } });
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(before);
    expect(all.body.total).toBeLessThanOrEqual(await count(t.dataSource, 'audit_log'));
    const none = await api
      .as(admin)
      .get('/audit-log', { query: { subjectType: 'cycle', subjectId: partnership } });
    expect(none.body).toEqual({ items: [], total: 0 });
  });

  it.each([
    ['subjectId=nope', 'subjectId'],
    [`subjectType=${'x'.repeat(41)}`, 'subjectType'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['actor=me', 'actor'],
  ])('rejects the query %s naming %s', async (query, field) => {
    const reply = await api
      .as(admin)
      .get('/audit-log', { query: Object.fromEntries(new URLSearchParams(query)) as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(field);
  });

  it("records inside the caller's transaction: a rollback takes the entry with it", async () => {
    const audit = t.app.get(AuditService);
    const subjectId = randomUUID();
    const entry = {
      actorUserId: adminId,
      action: 'test.rollback',
      subjectType: 'test',
      subjectId,
      details: { n: 1 },
    };
    await expect(
      t.dataSource.transaction(async (manager) => {
        await audit.record(manager, entry);
        expect(await count(t.dataSource, 'audit_log WHERE subject_id = $1', [subjectId])).toBe(0); // not yet visible
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count(t.dataSource, 'audit_log WHERE subject_id = $1', [subjectId])).toBe(0);

    await audit.record(null, { ...entry, action: 'test.direct' });
    const listed = await api.as(admin).get('/audit-log', { query: { subjectType: 'test', subjectId } });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ action: 'test.direct', actorUserId: adminId, details: { n: 1 } }),
    ]);
  });

  it('writes no entry for a rejected charter change or an unknown partnership', async () => {
    const mine = () => count(t.dataSource, 'audit_log WHERE actor_user_id = $1', [adminId]);
    const before = await mine();
    expect(
      (
        await api
          .as(admin)
          .put('/partnerships/{id}/charter', { params: { id: UNKNOWN_ID }, body: { rules: {} } })
      ).status,
    ).toBe(404);
    const bad = await api.as(admin).put('/partnerships/{id}/charter', {
      params: { id: partnership },
      body: {
        rules: { excludedProductIds: [UNKNOWN_ID] },
      },
    });
    expect(bad.status).toBe(400);
    expect(await mine()).toBe(before);
  });

  it('needs a token and the admin role', async () => {
    expect((await api.anonymous().get('/audit-log')).status).toBe(401);
    const group = await createGroup(api, admin, await createTerritory(api, admin));
    const coordinator = await userToken(api, admin, 'coordinator', { consumerGroupId: group });
    expect((await api.as(coordinator).get('/audit-log')).status).toBe(403);
    expect((await api.as(coordinator).get('/audit-log', { query: { subjectId: partnership } })).status).toBe(
      403,
    );
  });
});
