import { Api, type Invalid } from '../support/api';
import { adminToken, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
import {
  cooperativeId,
  count,
  createGroup,
  createMember,
  createTerritory,
  groupBody,
  UNKNOWN_ID,
} from './registry-fixtures';

describe('consumer groups and members', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let jette: string;
  let groupA: string;
  let groupB: string;
  let coordinatorA: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    jette = await createTerritory(api, admin);
    groupA = await createGroup(api, admin, jette);
    groupB = await createGroup(api, admin, jette);
    await createMember(api, admin, groupB);
    coordinatorA = await userToken(api, admin, 'coordinator', { consumerGroupId: groupA });
  });
  afterAll(() => t.close());

  // every group this file writes is in its own territory; other test files write at the same time
  const groups = () => count(t.dataSource, 'consumer_groups WHERE territory_id = $1', [jette]);
  const allGroups = () => count(t.dataSource, 'consumer_groups');
  const membersOf = (id: string) => count(t.dataSource, 'members WHERE consumer_group_id = $1', [id]);

  it('creates a group with its drop point and serves it', async () => {
    const body = groupBody(jette);
    const created = await api.as(admin).post('/consumer-groups', { body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...body, id: expect.any(String) });
    const one = await api.as(admin).get('/consumer-groups/{id}', { params: { id: created.body.id } });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
    const countBefore = await allGroups(); // other test files add rows meanwhile
    const list = await api.as(admin).get('/consumer-groups', { query: { limit: 500 } });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(created.body);
    expect(list.body.total).toBeGreaterThanOrEqual(countBefore);
    expect(list.body.total).toBeLessThanOrEqual(await allGroups());
    const [row] = await t.dataSource.query(
      'SELECT kind, drop_point_name, drop_point_latitude, contact_email FROM consumer_groups WHERE id = $1',
      [created.body.id],
    );
    expect(row).toEqual({
      kind: 'GASAP',
      drop_point_name: body.dropPoint.name,
      drop_point_latitude: body.dropPoint.latitude,
      contact_email: body.contactEmail,
    });
  });

  it.each([
    [{ territoryId: 'jette' }, 'territoryId'],
    [{ territoryId: UNKNOWN_ID }, 'territoryId'],
    [{ name: '' }, 'name'],
    [{ kind: 'x'.repeat(41) }, 'kind'],
    [{ kind: 7 }, 'kind'],
    [{ contactEmail: 'not-an-email' }, 'contactEmail'],
    [{ contactEmail: `${'x'.repeat(250)}@test.example` }, 'contactEmail'],
    [{ dropPoint: undefined }, 'dropPoint'],
    [{ dropPoint: 'the church' }, 'dropPoint'],
    [{ dropPoint: { name: 'Hall', address: 'Rue 1', latitude: 91, longitude: 4 } }, 'dropPoint.latitude'],
    [{ dropPoint: { name: 'Hall', address: 'Rue 1', latitude: 50, longitude: -181 } }, 'dropPoint.longitude'],
    [{ dropPoint: { name: 'Hall', address: '', latitude: 50, longitude: 4 } }, 'dropPoint.address'],
    [{ dropPoint: { address: 'Rue 1', latitude: 50, longitude: 4 } }, 'dropPoint.name'],
    [
      { dropPoint: { name: 'Hall', address: 'Rue 1', latitude: 50, longitude: 4, floor: 2 } },
      'dropPoint.floor',
    ],
    [{ members: [] }, 'members'],
  ])('rejects %j naming %s, writing nothing', async (change, field) => {
    const before = await groups();
    const reply = await api
      .as(admin)
      .post('/consumer-groups', { body: { ...groupBody(jette), ...change } as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(field);
    expect(await groups()).toBe(before);
  });

  it('adds members, lists them, and refuses a second member with the same email (any case)', async () => {
    const group = await createGroup(api, admin, jette);
    const body = { name: 'Amina Benali', email: `${unique('amina')}@test.example` };
    const created = await api
      .as(admin)
      .post('/consumer-groups/{id}/members', { params: { id: group }, body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...body, id: expect.any(String), consumerGroupId: group, active: true });
    const list = await api.as(admin).get('/consumer-groups/{id}/members', { params: { id: group } });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [created.body], total: 1 });

    const again = await api.as(admin).post('/consumer-groups/{id}/members', {
      params: { id: group },
      body: {
        name: 'Amina B.',
        email: body.email.toUpperCase(),
      },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(again.body.message).toContain('email');
    expect(await membersOf(group)).toBe(1);

    // the same person may belong to another group
    const elsewhere = await api
      .as(admin)
      .post('/consumer-groups/{id}/members', { params: { id: groupA }, body });
    expect(elsewhere.status).toBe(201);
  });

  it.each([
    [{ email: 'nope' }, 'email'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ role: 'coordinator' }, 'role'],
  ])('rejects the member %j naming %s, writing nothing', async (change, field) => {
    const before = await membersOf(groupA);
    const reply = await api.as(admin).post('/consumer-groups/{id}/members', {
      params: { id: groupA },
      body: {
        name: 'M',
        email: `${unique('m')}@test.example`,
        ...change,
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(field);
    expect(await membersOf(groupA)).toBe(before);
  });

  it('answers 404 for unknown groups and 400 for malformed ids', async () => {
    const member = { name: 'M', email: `${unique('m')}@test.example` };
    expect((await api.as(admin).get('/consumer-groups/{id}', { params: { id: UNKNOWN_ID } })).status).toBe(
      404,
    );
    expect(
      (await api.as(admin).get('/consumer-groups/{id}/members', { params: { id: UNKNOWN_ID } })).status,
    ).toBe(404);
    expect(
      (
        await api
          .as(admin)
          .post('/consumer-groups/{id}/members', { params: { id: UNKNOWN_ID }, body: member })
      ).status,
    ).toBe(404);
    expect((await api.as(admin).get('/consumer-groups/{id}', { params: { id: 'nope' } })).status).toBe(400);
    expect(
      (await api.as(admin).post('/consumer-groups/{id}/members', { params: { id: 'nope' }, body: member }))
        .status,
    ).toBe(400);
  });

  describe('a coordinator', () => {
    it('sees only its own group', async () => {
      const list = await api.as(coordinatorA).get('/consumer-groups');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(1);
      expect(list.body.items.map((g: { id: string }) => g.id)).toEqual([groupA]);
      const own = await api.as(coordinatorA).get('/consumer-groups/{id}', { params: { id: groupA } });
      expect(own.status).toBe(200);
      expect(own.body.id).toBe(groupA);
    });

    it("manages its own group's members", async () => {
      const body = { name: 'Jan Peeters', email: `${unique('jan')}@test.example` };
      const created = await api
        .as(coordinatorA)
        .post('/consumer-groups/{id}/members', { params: { id: groupA }, body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...body, consumerGroupId: groupA });
      const list = await api
        .as(coordinatorA)
        .get('/consumer-groups/{id}/members', { params: { id: groupA }, query: { limit: 500 } });
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(created.body);
      expect(list.body.total).toBe(await membersOf(groupA));
    });

    it('gets 404 for another group, its members, and adding to it, writing nothing', async () => {
      const before = await membersOf(groupB);
      expect(
        (await api.as(coordinatorA).get('/consumer-groups/{id}', { params: { id: groupB } })).status,
      ).toBe(404);
      const members = await api
        .as(coordinatorA)
        .get('/consumer-groups/{id}/members', { params: { id: groupB } });
      expect(members.status).toBe(404);
      expect(members.body.message).toBe('consumer group not found');
      const add = await api.as(coordinatorA).post('/consumer-groups/{id}/members', {
        params: { id: groupB },
        body: {
          name: 'Intruder',
          email: `${unique('i')}@test.example`,
        },
      });
      expect(add.status).toBe(404);
      expect(await membersOf(groupB)).toBe(before);
      // the same answer as for a group that does not exist
      expect(
        (await api.as(coordinatorA).get('/consumer-groups/{id}', { params: { id: UNKNOWN_ID } })).body,
      ).toEqual((await api.as(coordinatorA).get('/consumer-groups/{id}', { params: { id: groupB } })).body);
    });

    it('may not create groups', async () => {
      const before = await groups();
      expect((await api.as(coordinatorA).post('/consumer-groups', { body: groupBody(jette) })).status).toBe(
        403,
      );
      expect(await groups()).toBe(before);
    });
  });

  it('needs a token, and refuses members, cooperatives and others by role', async () => {
    const params = { id: groupA };
    for (const read of [
      () => api.anonymous().get('/consumer-groups'),
      () => api.anonymous().get('/consumer-groups/{id}', { params }),
      () => api.anonymous().get('/consumer-groups/{id}/members', { params }),
    ]) {
      expect((await read()).status).toBe(401);
    }
    expect((await api.anonymous().post('/consumer-groups', { body: groupBody(jette) })).status).toBe(401);
    expect(
      (
        await api.anonymous().post('/consumer-groups/{id}/members', {
          params: { id: groupA },
          body: { name: 'x', email: 'x@test.example' },
        })
      ).status,
    ).toBe(401);

    const memberId = await createMember(api, admin, groupA);
    const member = await userToken(api, admin, 'member', { memberId });
    const cooperative = await userToken(api, admin, 'cooperative', {
      cooperativeId: await cooperativeId(t.dataSource, jette),
    });
    const before = [await groups(), await membersOf(groupA)];
    for (const token of [member, cooperative]) {
      expect(
        (await api.as(token).get('/consumer-groups/{id}/members', { params: { id: groupA } })).status,
      ).toBe(403);
      expect((await api.as(token).get('/consumer-groups')).status).toBe(403);
      expect((await api.as(token).get('/consumer-groups/{id}', { params: { id: groupA } })).status).toBe(403);
      const add = await api.as(token).post('/consumer-groups/{id}/members', {
        params: { id: groupA },
        body: {
          name: 'x',
          email: `${unique('x')}@test.example`,
        },
      });
      expect(add.status).toBe(403);
      expect((await api.as(token).post('/consumer-groups', { body: groupBody(jette) })).status).toBe(403);
    }
    expect([await groups(), await membersOf(groupA)]).toEqual(before);
  });
});
