import { adminToken, Http, startTestApp, unique, userToken, type TestApp } from '../support/test-app';
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
  let http: Http;
  let admin: string;
  let jette: string;
  let groupA: string;
  let groupB: string;
  let coordinatorA: string;

  beforeAll(async () => {
    t = await startTestApp();
    http = new Http(t.app);
    admin = await adminToken(http, t.dataSource);
    jette = await createTerritory(http, admin);
    groupA = await createGroup(http, admin, jette);
    groupB = await createGroup(http, admin, jette);
    await createMember(http, admin, groupB);
    coordinatorA = await userToken(http, admin, 'coordinator', { consumerGroupId: groupA });
  });
  afterAll(() => t.close());

  // every group this file writes is in its own territory; other test files write at the same time
  const groups = () => count(t.dataSource, 'consumer_groups WHERE territory_id = $1', [jette]);
  const allGroups = () => count(t.dataSource, 'consumer_groups');
  const membersOf = (id: string) => count(t.dataSource, 'members WHERE consumer_group_id = $1', [id]);

  it('creates a group with its drop point and serves it', async () => {
    const body = groupBody(jette);
    const created = await http.as(admin).post('/api/v1/consumer-groups', body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...body, id: expect.any(String) });
    const one = await http.as(admin).get(`/api/v1/consumer-groups/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
    const countBefore = await allGroups(); // other test files add rows meanwhile
    const list = await http.as(admin).get('/api/v1/consumer-groups?limit=500');
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
    const reply = await http.as(admin).post('/api/v1/consumer-groups', { ...groupBody(jette), ...change });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(reply.body.message).toContain(field);
    expect(await groups()).toBe(before);
  });

  it('adds members, lists them, and refuses a second member with the same email (any case)', async () => {
    const group = await createGroup(http, admin, jette);
    const body = { name: 'Amina Benali', email: `${unique('amina')}@test.example` };
    const created = await http.as(admin).post(`/api/v1/consumer-groups/${group}/members`, body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...body, id: expect.any(String), consumerGroupId: group, active: true });
    const list = await http.as(admin).get(`/api/v1/consumer-groups/${group}/members`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [created.body], total: 1 });

    const again = await http.as(admin).post(`/api/v1/consumer-groups/${group}/members`, {
      name: 'Amina B.',
      email: body.email.toUpperCase(),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(again.body.message).toContain('email');
    expect(await membersOf(group)).toBe(1);

    // the same person may belong to another group
    const elsewhere = await http.as(admin).post(`/api/v1/consumer-groups/${groupA}/members`, body);
    expect(elsewhere.status).toBe(201);
  });

  it.each([
    [{ email: 'nope' }, 'email'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ role: 'coordinator' }, 'role'],
  ])('rejects the member %j naming %s, writing nothing', async (change, field) => {
    const before = await membersOf(groupA);
    const reply = await http.as(admin).post(`/api/v1/consumer-groups/${groupA}/members`, {
      name: 'M',
      email: `${unique('m')}@test.example`,
      ...change,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(field);
    expect(await membersOf(groupA)).toBe(before);
  });

  it('answers 404 for unknown groups and 400 for malformed ids', async () => {
    const member = { name: 'M', email: `${unique('m')}@test.example` };
    expect((await http.as(admin).get(`/api/v1/consumer-groups/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await http.as(admin).get(`/api/v1/consumer-groups/${UNKNOWN_ID}/members`)).status).toBe(404);
    expect((await http.as(admin).post(`/api/v1/consumer-groups/${UNKNOWN_ID}/members`, member)).status).toBe(
      404,
    );
    expect((await http.as(admin).get('/api/v1/consumer-groups/nope')).status).toBe(400);
    expect((await http.as(admin).post('/api/v1/consumer-groups/nope/members', member)).status).toBe(400);
  });

  describe('a coordinator', () => {
    it('sees only its own group', async () => {
      const list = await http.as(coordinatorA).get('/api/v1/consumer-groups');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(1);
      expect(list.body.items.map((g: { id: string }) => g.id)).toEqual([groupA]);
      const own = await http.as(coordinatorA).get(`/api/v1/consumer-groups/${groupA}`);
      expect(own.status).toBe(200);
      expect(own.body.id).toBe(groupA);
    });

    it("manages its own group's members", async () => {
      const body = { name: 'Jan Peeters', email: `${unique('jan')}@test.example` };
      const created = await http.as(coordinatorA).post(`/api/v1/consumer-groups/${groupA}/members`, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...body, consumerGroupId: groupA });
      const list = await http.as(coordinatorA).get(`/api/v1/consumer-groups/${groupA}/members?limit=500`);
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(created.body);
      expect(list.body.total).toBe(await membersOf(groupA));
    });

    it('gets 404 for another group, its members, and adding to it, writing nothing', async () => {
      const before = await membersOf(groupB);
      expect((await http.as(coordinatorA).get(`/api/v1/consumer-groups/${groupB}`)).status).toBe(404);
      const members = await http.as(coordinatorA).get(`/api/v1/consumer-groups/${groupB}/members`);
      expect(members.status).toBe(404);
      expect(members.body.message).toBe('consumer group not found');
      const add = await http.as(coordinatorA).post(`/api/v1/consumer-groups/${groupB}/members`, {
        name: 'Intruder',
        email: `${unique('i')}@test.example`,
      });
      expect(add.status).toBe(404);
      expect(await membersOf(groupB)).toBe(before);
      // the same answer as for a group that does not exist
      expect((await http.as(coordinatorA).get(`/api/v1/consumer-groups/${UNKNOWN_ID}`)).body).toEqual(
        (await http.as(coordinatorA).get(`/api/v1/consumer-groups/${groupB}`)).body,
      );
    });

    it('may not create groups', async () => {
      const before = await groups();
      expect((await http.as(coordinatorA).post('/api/v1/consumer-groups', groupBody(jette))).status).toBe(
        403,
      );
      expect(await groups()).toBe(before);
    });
  });

  it('needs a token, and refuses members, cooperatives and others by role', async () => {
    for (const url of [
      '/api/v1/consumer-groups',
      `/api/v1/consumer-groups/${groupA}`,
      `/api/v1/consumer-groups/${groupA}/members`,
    ]) {
      expect((await http.anonymous().get(url)).status).toBe(401);
    }
    expect((await http.anonymous().post('/api/v1/consumer-groups', groupBody(jette))).status).toBe(401);
    expect(
      (
        await http
          .anonymous()
          .post(`/api/v1/consumer-groups/${groupA}/members`, { name: 'x', email: 'x@test.example' })
      ).status,
    ).toBe(401);

    const memberId = await createMember(http, admin, groupA);
    const member = await userToken(http, admin, 'member', { memberId });
    const cooperative = await userToken(http, admin, 'cooperative', {
      cooperativeId: await cooperativeId(t.dataSource, jette),
    });
    const before = [await groups(), await membersOf(groupA)];
    for (const token of [member, cooperative]) {
      expect((await http.as(token).get(`/api/v1/consumer-groups/${groupA}/members`)).status).toBe(403);
      expect((await http.as(token).get('/api/v1/consumer-groups')).status).toBe(403);
      expect((await http.as(token).get(`/api/v1/consumer-groups/${groupA}`)).status).toBe(403);
      const add = await http.as(token).post(`/api/v1/consumer-groups/${groupA}/members`, {
        name: 'x',
        email: `${unique('x')}@test.example`,
      });
      expect(add.status).toBe(403);
      expect((await http.as(token).post('/api/v1/consumer-groups', groupBody(jette))).status).toBe(403);
    }
    expect([await groups(), await membersOf(groupA)]).toEqual(before);
  });
});
