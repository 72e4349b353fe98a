import {
  registry,
  seasonWithOffers,
  storedPledges,
  type Registry,
  type SeasonSetup,
} from '../support/season-fixtures';
import { Api, type Invalid } from '../support/api';
import { account, adminToken, login, startTestApp, type TestApp } from '../support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('PATCH /me', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });
  afterAll(() => t.close());

  it('sets the locale and switches notification kinds off and on again, answering as GET /me lists them', async () => {
    const r = await registry(t.dataSource, { groups: 1, membersPerGroup: 1 });
    const user = await account(api, admin, 'member', { memberId: r.membersByGroup[0][0] });
    const off = await api.as(user.token).patch('/me', {
      body: {
        locale: 'ar',
        notifications: { 'cycle.closing': false, 'statement.ready': false, 'cycle.locked': false },
      },
    });
    expect(off.status).toBe(200);
    // The member is not sent cycle.locked: kept (it counts if the role changes), not listed.
    expect(off.body).toEqual({
      id: user.id,
      email: user.email,
      role: 'member',
      locale: 'ar',
      notifications: { 'cycle.closing': false, 'cycle.allocated': true, 'statement.ready': false },
    });
    expect((await api.as(user.token).get('/me')).body.user.notifications).toEqual(off.body.notifications);
    const [row] = await t.dataSource.query(`SELECT locale, muted_notifications FROM users WHERE id = $1`, [
      user.id,
    ]);
    expect(row.locale).toBe('ar');
    expect([...row.muted_notifications].sort()).toEqual(['cycle.closing', 'cycle.locked', 'statement.ready']);

    const on = await api.as(user.token).patch('/me', { body: { notifications: { 'cycle.closing': true } } });
    expect(on.body.locale).toBe('ar');
    expect(on.body.notifications['cycle.closing']).toBe(true);
    expect(on.body.notifications['statement.ready']).toBe(false);
  });

  it.each([
    ['member', ['cycle.closing', 'cycle.allocated', 'statement.ready']],
    ['coordinator', ['cycle.locked', 'cycle.dispatched', 'cycle.receipt_due']],
    ['cooperative', ['statement.ready']],
    ['transporter', []],
    ['admin', []],
  ] as const)('GET /me shows a %s the kinds of e-mail its role is sent, as switched', async (role, kinds) => {
    const r = await registry(t.dataSource, { groups: 1, membersPerGroup: 1 });
    const links = {
      member: { memberId: r.membersByGroup[0][0] },
      coordinator: { consumerGroupId: r.groupIds[0] },
      cooperative: { cooperativeId: r.cooperativeIds[0] },
      transporter: { transportOrganiserId: r.transportOrganiserIds[0] },
      admin: {},
    }[role];
    const user = await account(api, admin, role, links);
    const received = (await api.as(user.token).get('/me')).body.user.notifications;
    expect(received).toEqual(Object.fromEntries(kinds.map((kind) => [kind, true])));
    if (kinds.length === 0) return;
    await api.as(user.token).patch('/me', { body: { notifications: { [kinds[0]]: false } } });
    const after = (await api.as(user.token).get('/me')).body.user.notifications;
    expect(after).toEqual(Object.fromEntries(kinds.map((kind, index) => [kind, index !== 0])));
  });

  it.each([
    [{ locale: 'de' }, 'locale'],
    [{ notifications: { 'cycle.exploded': false } }, 'notifications'],
    [{ notifications: { 'cycle.closing': 'no' } }, 'notifications'],
    [{ notifications: ['cycle.closing'] }, 'notifications'],
    [{ role: 'admin' }, 'role'],
  ])('refuses %j naming %s, changing nothing', async (body, field) => {
    const user = await account(api, admin, 'admin');
    const reply = await api.as(user.token).patch('/me', { body: body as Invalid });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(field);
    const [row] = await t.dataSource.query(`SELECT locale, muted_notifications FROM users WHERE id = $1`, [
      user.id,
    ]);
    expect(row).toEqual({ locale: null, muted_notifications: [] });
  });

  it('needs a session', async () => {
    expect((await api.anonymous().patch('/me', { body: { locale: 'fr' } })).status).toBe(401);
  });
});

describe('members who leave', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let r: Registry;
  let s: SeasonSetup;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    r = await registry(t.dataSource, { groups: 2, membersPerGroup: 3 });
    s = await seasonWithOffers(api, admin, r);
  });
  afterAll(() => t.close());

  const pledge = (token: string, memberId: string, quantity: number) =>
    api.as(token).put('/seasons/{id}/members/{memberId}/pledges', {
      params: { id: s.seasonId, memberId },
      body: {
        lines: [
          { offerId: s.offers[0].id, quantity },
          { offerId: s.offers[1].id, quantity: quantity + 1 },
        ],
      },
    });
  const liveOf = async (groupId: string) =>
    t.dataSource.query(
      `SELECT lc.cycle_id, lc.offer_id, lc.quantity::int AS live,
              (SELECT coalesce(sum(mp.quantity), 0)::int FROM member_pledges mp
                WHERE mp.cycle_id = lc.cycle_id AND mp.consumer_group_id = lc.consumer_group_id AND mp.offer_id = lc.offer_id) AS pledged
         FROM live_commitments lc JOIN cycles c ON c.id = lc.cycle_id
        WHERE c.season_id = $1 AND lc.consumer_group_id = $2 ORDER BY 1, 2`,
      [s.seasonId, groupId],
    );

  it('removes its pledges of open months (live commitments follow), keeps a locked month, and ends its login at once', async () => {
    const [groupId] = r.groupIds;
    const [leaving, staying] = r.membersByGroup[0];
    const coordinator = (await account(api, admin, 'coordinator', { consumerGroupId: groupId })).token;
    const memberUser = await account(api, admin, 'member', { memberId: leaving });
    expect((await pledge(memberUser.token, leaving, 4)).status).toBe(200);
    expect((await pledge(coordinator, staying, 2)).status).toBe(200);
    // The first month is locked meanwhile: its pledges are history.
    const [lockedMonth, ...openMonths] = s.months;
    await t.dataSource.query(`UPDATE cycles SET status = 'locked' WHERE id = $1`, [s.cycleIds[lockedMonth]]);

    const left = await api.as(coordinator).patch('/consumer-groups/{id}/members/{memberId}', {
      params: { id: groupId, memberId: leaving },
      body: { active: false },
    });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ id: leaving, consumerGroupId: groupId, active: false });

    const stored = await storedPledges(t.dataSource, s.seasonId, leaving);
    expect(Object.keys(stored)).toEqual([lockedMonth]);
    expect(Object.keys(await storedPledges(t.dataSource, s.seasonId, staying))).toEqual(s.months);
    const live = await liveOf(groupId);
    expect(live.length).toBeGreaterThan(0);
    for (const row of live) expect(row.live).toBe(row.pledged);
    const openLive = live.filter((row: { cycle_id: string }) =>
      openMonths.some((m) => s.cycleIds[m] === row.cycle_id),
    );
    expect(openLive.map((row: { live: number }) => row.live).sort()).toEqual(
      Array(openMonths.length).fill([2, 3]).flat().sort(),
    );

    expect(
      (
        await api
          .as(memberUser.token)
          .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId: leaving } })
      ).status,
    ).toBe(401);
    const refused = await api
      .anonymous()
      .post('/auth/login', { body: { email: memberUser.email, password: memberUser.password } });
    expect(refused.status).toBe(401);
    const listed = await api
      .as(coordinator)
      .get('/consumer-groups/{id}/members', { params: { id: groupId }, query: { limit: 500 } });
    expect(listed.body.items.find((m: { id: string }) => m.id === leaving)).toMatchObject({ active: false });

    // Back again: the login works anew.
    expect(
      (
        await api.as(admin).patch('/consumer-groups/{id}/members/{memberId}', {
          params: { id: groupId, memberId: leaving },
          body: { active: true },
        })
      ).status,
    ).toBe(200);
    expect((await login(api, memberUser.email, memberUser.password)).length).toBeGreaterThan(0);
  });

  it('takes no pledge for a member who left, whoever asks (422; another group’s coordinator 404), and writes nothing', async () => {
    const [groupId, otherGroupId] = r.groupIds;
    const gone = r.membersByGroup[0][2];
    const coordinator = (await account(api, admin, 'coordinator', { consumerGroupId: groupId })).token;
    const otherCoordinator = (await account(api, admin, 'coordinator', { consumerGroupId: otherGroupId }))
      .token;
    expect(
      (
        await api.as(coordinator).patch('/consumer-groups/{id}/members/{memberId}', {
          params: { id: groupId, memberId: gone },
          body: { active: false },
        })
      ).status,
    ).toBe(200);
    const before = await storedPledges(t.dataSource, s.seasonId, gone);
    const liveBefore = await liveOf(groupId);
    const openMonth = s.months[s.months.length - 1];
    for (const token of [coordinator, admin]) {
      const standing = await pledge(token, gone, 3);
      expect(standing.status).toBe(422);
      expect(standing.body.message).toMatch(/left its group/);
      const oneMonth = await api.as(token).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { id: s.seasonId, memberId: gone, month: openMonth },
        body: {
          lines: [{ offerId: s.offers[0].id, quantity: 1 }],
        },
      });
      expect(oneMonth.status).toBe(422);
    }
    // out of reach first: another group's coordinator learns nothing of it
    expect((await pledge(otherCoordinator, gone, 3)).status).toBe(404);
    expect(await storedPledges(t.dataSource, s.seasonId, gone)).toEqual(before);
    expect(await liveOf(groupId)).toEqual(liveBefore);
    // its history stays readable
    expect(
      (
        await api
          .as(coordinator)
          .get('/seasons/{id}/members/{memberId}/pledges', { params: { id: s.seasonId, memberId: gone } })
      ).status,
    ).toBe(200);
    // back in the group, it pledges again
    expect(
      (
        await api.as(admin).patch('/consumer-groups/{id}/members/{memberId}', {
          params: { id: groupId, memberId: gone },
          body: { active: true },
        })
      ).status,
    ).toBe(200);
    expect((await pledge(coordinator, gone, 3)).status).toBe(200);
  });

  it('answers 404 for another group’s member, a member of another group under this one, or an unknown member', async () => {
    const [groupA, groupB] = r.groupIds;
    const coordinator = (await account(api, admin, 'coordinator', { consumerGroupId: groupA })).token;
    const foreignMember = r.membersByGroup[1][0];
    for (const [group, memberId] of [
      [groupB, foreignMember],
      [groupA, foreignMember],
      [groupA, UNKNOWN_ID],
    ]) {
      const reply = await api.as(coordinator).patch('/consumer-groups/{id}/members/{memberId}', {
        params: { id: group, memberId },
        body: { active: false },
      });
      expect(reply.status).toBe(404);
    }
    const [row] = await t.dataSource.query(`SELECT active FROM members WHERE id = $1`, [foreignMember]);
    expect(row.active).toBe(true);
  });

  it('is for admins and coordinators; the body names its field', async () => {
    const [groupId] = r.groupIds;
    const memberId = r.membersByGroup[0][2];
    const memberToken = (await account(api, admin, 'member', { memberId })).token;
    expect(
      (
        await api.as(memberToken).patch('/consumer-groups/{id}/members/{memberId}', {
          params: { id: groupId, memberId },
          body: { active: false },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.anonymous().patch('/consumer-groups/{id}/members/{memberId}', {
          params: { id: groupId, memberId },
          body: { active: false },
        })
      ).status,
    ).toBe(401);
    for (const body of [{}, { active: 'no' }, { active: false, name: 'x' }]) {
      const reply = await api.as(admin).patch('/consumer-groups/{id}/members/{memberId}', {
        params: { id: groupId, memberId },
        body: body as Invalid,
      });
      expect(reply.status).toBe(400);
    }
    expect(
      (
        await api.as(admin).patch('/consumer-groups/{id}/members/{memberId}', {
          params: { id: groupId, memberId: 'not-a-uuid' },
          body: { active: false },
        })
      ).status,
    ).toBe(400);
  });
});
