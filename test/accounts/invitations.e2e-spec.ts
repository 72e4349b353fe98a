import { QueueName } from '../../src/queue/jobs';
import { QueueService } from '../../src/queue/queue.service';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { startSmtpServer } from '../notifications/support';
import { consumerGroup, cooperative, member, territory } from '../support/rows';
import { Api, type Invalid, type RequestBody } from '../support/api';
import { account, adminToken, login, startTestApp, unique, type TestApp } from '../support/test-app';
import { deliverMailTo, mailSubject, tokenInMail } from './mail-support';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const PASSWORD = 'a long enough passphrase';

describe('invitations', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let territoryId: string;
  let groupA: string;
  let groupB: string;
  let coordinatorA: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, queuePrefix: unique('inv') });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    territoryId = await territory(t.dataSource, 'BE', 'Europe/Brussels', 'EUR');
    groupA = await consumerGroup(t.dataSource, territoryId);
    groupB = await consumerGroup(t.dataSource, territoryId);
    coordinatorA = (await account(api, admin, 'coordinator', { consumerGroupId: groupA })).token;
  });
  afterAll(async () => {
    await t.app.get(QueueService).queue(QueueName.Notifications).obliterate({ force: true });
    await t.close();
    await smtp.close();
  });

  const invite = (token: string, body: RequestBody<'/invitations', 'post'>) =>
    api.as(token).post('/invitations', { body });
  const accept = (token: string, password = PASSWORD) =>
    api.anonymous().post('/auth/invitations/accept', { body: { token, password } });
  const mailedToken = async (email: string) => {
    await deliverMailTo(t.dataSource, t.app.get(NotificationsService), email);
    return tokenInMail(smtp.mails, email, '/invitations/accept');
  };

  it('an admin invites a cooperative user: the mailed link works once, signs in and sets the cookie', async () => {
    const cooperativeId = await cooperative(t.dataSource, territoryId);
    const email = `${unique('coop')}@test.example`;
    const created = await invite(admin, { email, role: 'cooperative', cooperativeId });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email,
      role: 'cooperative',
      consumerGroupId: null,
      memberId: null,
      cooperativeId,
      transportOrganiserId: null,
      locale: null,
      status: 'pending',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      acceptedAt: null,
    });
    const days = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    const { token } = await mailedToken(email);
    // Only the hash is stored.
    const stored = await t.dataSource.query(
      `SELECT encode(token_hash, 'hex') AS h FROM invitations WHERE id = $1`,
      [created.body.id],
    );
    expect(stored[0].h).toHaveLength(64);
    expect(JSON.stringify(stored)).not.toContain(token);

    const accepted = await accept(token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email, role: 'cooperative', cooperativeId });
    expect([accepted.headers['set-cookie']].flat()[0]).toMatch(
      /^proxima_session=[^;]+; .*HttpOnly; SameSite=Strict/,
    );
    expect(
      (await api.as(accepted.body.accessToken).get('/cooperatives/{id}', { params: { id: cooperativeId } }))
        .status,
    ).toBe(200);
    expect((await login(api, email, PASSWORD)).length).toBeGreaterThan(0);

    const again = await accept(token, 'another long passphrase');
    expect(again.status).toBe(400);
    expect(again.body.message).toContain('token');

    const list = await api.as(admin).get('/invitations', { query: { status: 'accepted', limit: 500 } });
    expect(list.body.items.find((i: { id: string }) => i.id === created.body.id)).toMatchObject({
      status: 'accepted',
      acceptedAt: expect.any(String),
    });
  });

  it('a coordinator invites a new member of its group by name, in French; the member accepts and pledges as itself', async () => {
    const email = `${unique('amina')}@test.example`;
    const created = await invite(coordinatorA, { email, role: 'member', name: 'Amina Benali', locale: 'fr' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: 'member',
      consumerGroupId: groupA,
      memberId: expect.any(String),
      locale: 'fr',
    });
    const members = await api
      .as(coordinatorA)
      .get('/consumer-groups/{id}/members', { params: { id: groupA }, query: { limit: 500 } });
    expect(members.body.items).toContainEqual(
      expect.objectContaining({ id: created.body.memberId, name: 'Amina Benali', email, active: true }),
    );

    const { token, text, raw } = await mailedToken(email);
    expect(mailSubject(raw)).toBe('Vous êtes invité·e sur Proxima');
    expect(text).toContain('Choisissez votre mot de passe');
    const accepted = await accept(token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({
      role: 'member',
      memberId: created.body.memberId,
      consumerGroupId: groupA,
    });
    const [user] = await t.dataSource.query(`SELECT locale FROM users WHERE id = $1`, [
      accepted.body.user.id,
    ]);
    expect(user.locale).toBe('fr');
  });

  it('a coordinator invites an existing member of its group; another group’s member or group answers 404', async () => {
    const own = await member(t.dataSource, groupA);
    const foreign = await member(t.dataSource, groupB);
    expect(
      (await invite(coordinatorA, { email: `${unique('m')}@test.example`, role: 'member', memberId: own }))
        .status,
    ).toBe(201);
    const other = await invite(coordinatorA, {
      email: `${unique('m')}@test.example`,
      role: 'member',
      memberId: foreign,
    });
    expect(other.status).toBe(404);
    expect(other.body.message).toBe('member not found');
    const otherGroup = await invite(coordinatorA, {
      email: `${unique('m')}@test.example`,
      role: 'member',
      name: 'Someone',
      consumerGroupId: groupB,
    });
    expect(otherGroup.status).toBe(404);
    expect(
      (
        await invite(coordinatorA, {
          email: `${unique('m')}@test.example`,
          role: 'member',
          memberId: UNKNOWN_ID,
        })
      ).status,
    ).toBe(404);
    // Nothing was created in group B.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM members WHERE consumer_group_id = $1 AND name = 'Someone'`,
      [groupB],
    );
    expect(n).toBe(0);
  });

  it('a coordinator may invite members only', async () => {
    const reply = await invite(coordinatorA, {
      email: `${unique('c')}@test.example`,
      role: 'coordinator',
      consumerGroupId: groupA,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.message).toContain('role');
  });

  it('answers 409 when the email already has a user, whatever its case', async () => {
    const existing = await account(api, admin, 'coordinator', { consumerGroupId: groupA });
    const reply = await invite(admin, {
      email: existing.email.toUpperCase(),
      role: 'member',
      name: 'Dup',
      consumerGroupId: groupA,
    });
    expect(reply.status).toBe(409);
    expect(reply.body.message).toContain('email');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM members WHERE lower(email) = lower($1)`,
      [existing.email],
    );
    expect(n).toBe(0);
  });

  it.each([
    [{ role: 'member' }, 'memberId or name is required for role member'],
    [{ role: 'member', name: 'X' }, 'consumerGroupId is required to create a member'],
    [{ role: 'cooperative', name: 'X', cooperativeId: UNKNOWN_ID }, 'name'],
    [{ role: 'cooperative' }, 'cooperativeId is required for role cooperative'],
    [{ role: 'cooperative', cooperativeId: UNKNOWN_ID }, 'cooperativeId: no such cooperative'],
    [{ role: 'member', memberId: UNKNOWN_ID, name: 'X' }, 'memberId'],
    [{ role: 'owner' }, 'role'],
    [{ role: 'admin', locale: 'de' }, 'locale'],
    [{ role: 'admin', isAdmin: true }, 'isAdmin'],
  ])('refuses %j as an admin, naming the problem', async (body, message) => {
    const reply = await invite(admin, { email: `${unique('bad')}@test.example`, ...body } as Invalid);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(message);
  });

  it('refuses a malformed email', async () => {
    expect((await invite(admin, { email: 'not-an-email', role: 'admin' })).status).toBe(400);
  });

  it('a second invitation to the same email replaces the first, whose link stops working', async () => {
    const email = `${unique('twice')}@test.example`;
    expect((await invite(admin, { email, role: 'admin' })).status).toBe(201);
    const first = await mailedToken(email);
    expect((await invite(admin, { email, role: 'admin' })).status).toBe(201);
    const second = await mailedToken(email);
    expect(second.token).not.toBe(first.token);
    expect((await accept(first.token)).status).toBe(400);
    expect((await accept(second.token)).status).toBe(200);
  });

  it('an expired invitation is refused and listed as expired', async () => {
    const email = `${unique('late')}@test.example`;
    const created = await invite(admin, { email, role: 'admin' });
    const { token } = await mailedToken(email);
    await t.dataSource.query(
      `UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [created.body.id],
    );
    expect((await accept(token)).status).toBe(400);
    const expired = await api.as(admin).get('/invitations', { query: { status: 'expired', limit: 500 } });
    expect(expired.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect(expired.body.items.every((i: { status: string }) => i.status === 'expired')).toBe(true);
  });

  it('refuses a weak password on acceptance, keeping the invitation pending', async () => {
    const email = `${unique('weak')}@test.example`;
    expect((await invite(admin, { email, role: 'admin' })).status).toBe(201);
    const { token } = await mailedToken(email);
    for (const password of ['short', 'password123', 'qwertyuiop']) {
      const reply = await accept(token, password);
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain('password');
    }
    expect((await accept(token)).status).toBe(200);
  });

  it.each(['', 'x', 'a'.repeat(44), '../../etc'])('refuses the malformed token %j', async (token) => {
    const reply = await accept(token);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('token');
  });

  it('lists a coordinator its own group’s invitations only', async () => {
    const coordinatorB = (await account(api, admin, 'coordinator', { consumerGroupId: groupB })).token;
    const inB = await invite(coordinatorB, {
      email: `${unique('b')}@test.example`,
      role: 'member',
      name: 'In B',
    });
    expect(inB.status).toBe(201);
    const listA = await api.as(coordinatorA).get('/invitations', { query: { limit: 500 } });
    expect(listA.status).toBe(200);
    expect(listA.body.items.length).toBeGreaterThan(0);
    expect(listA.body.items.every((i) => i.consumerGroupId === groupA)).toBe(true);
    expect(listA.body.items.map((i: { id: string }) => i.id)).not.toContain(inB.body.id);
    const all = await api.as(admin).get('/invitations', { query: { limit: 500 } });
    expect(all.body.items.map((i: { id: string }) => i.id)).toContain(inB.body.id);
  });

  it('is not for members, cooperatives, transporters or anonymous callers', async () => {
    const memberToken = (
      await account(api, admin, 'member', { memberId: await member(t.dataSource, groupA) })
    ).token;
    const coopToken = (
      await account(api, admin, 'cooperative', {
        cooperativeId: await cooperative(t.dataSource, territoryId),
      })
    ).token;
    for (const token of [memberToken, coopToken]) {
      expect(
        (await invite(token, { email: `${unique('x')}@test.example`, role: 'member', name: 'X' })).status,
      ).toBe(403);
      expect((await api.as(token).get('/invitations')).status).toBe(403);
    }
    expect(
      (await api.anonymous().post('/invitations', { body: { email: 'a@test.example', role: 'admin' } }))
        .status,
    ).toBe(401);
    expect((await api.anonymous().get('/invitations')).status).toBe(401);
  });
});
