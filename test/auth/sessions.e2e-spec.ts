import { createHmac } from 'node:crypto';
import { SessionChangesListener } from '../../src/sessions/session-changes.listener';
import { consumerGroup, cooperative, member, territory } from '../support/rows';
import { Api, apiUrl, type Invalid } from '../support/api';
import {
  account,
  adminToken,
  login,
  startTestApp,
  testConfig,
  unique,
  type TestApp,
} from '../support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

function sign(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', testConfig().jwtSecret).update(unsigned).digest('base64url')}`;
}

describe('server-side sessions', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let territoryId: string;
  let groupId: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    territoryId = await territory(t.dataSource, 'BE', 'Europe/Brussels', 'EUR');
    groupId = await consumerGroup(t.dataSource, territoryId);
  });
  afterAll(() => t.close());

  const ownGroup = (token: string) => api.as(token).get('/consumer-groups/{id}', { params: { id: groupId } });

  describe('POST /auth/logout', () => {
    it('ends this session at once, and only this one', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const other = await login(api, user.email, user.password);
      expect((await ownGroup(user.token)).status).toBe(200);

      const out = await api.as(user.token).post('/auth/logout');
      expect(out.status).toBe(204);
      const after = await ownGroup(user.token);
      expect(after.status).toBe(401);
      expect(after.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'This session has ended; sign in again',
      });
      expect((await api.as(user.token).post('/auth/logout')).status).toBe(401);
      expect((await ownGroup(other)).status).toBe(200);
      const [row] = await t.dataSource.query(`SELECT revoked_at FROM sessions WHERE id = $1`, [
        payloadOf(user.token).sid,
      ]);
      expect(row.revoked_at).toBeInstanceOf(Date);
    });

    it('needs a session', async () => {
      expect((await api.anonymous().post('/auth/logout')).status).toBe(401);
    });

    it('is seen by every API replica at once', async () => {
      const replica = await startTestApp();
      try {
        const other = new Api(replica.app);
        const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
        // The replica has verified (and remembered) the token before the logout.
        expect(
          (await other.as(user.token).get('/consumer-groups/{id}', { params: { id: groupId } })).status,
        ).toBe(200);
        expect((await api.as(user.token).post('/auth/logout')).status).toBe(204);
        // The logout's notice reaches the replica over its own connection (session-cache.e2e-spec.ts).
        await replica.app.get(SessionChangesListener).sync();
        expect(
          (await other.as(user.token).get('/consumer-groups/{id}', { params: { id: groupId } })).status,
        ).toBe(401);
      } finally {
        await replica.close();
      }
    });
  });

  describe('tokens', () => {
    it('refuses a validly signed token without exp, with no session, or with an ended session', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const { sub, sid } = payloadOf(user.token);
      const now = Math.floor(Date.now() / 1000);
      expect((await ownGroup(sign({ sub, sid, iat: now, exp: now + 600 }))).status).toBe(200);
      expect((await ownGroup(sign({ sub, sid, iat: now }))).status).toBe(401);
      expect((await ownGroup(sign({ sub, iat: now, exp: now + 600 }))).status).toBe(401);
      expect((await ownGroup(sign({ sub, sid: UNKNOWN_ID, iat: now, exp: now + 600 }))).status).toBe(401);
      expect((await ownGroup(sign({ sub, sid: 'not-a-uuid', iat: now, exp: now + 600 }))).status).toBe(401);
      // A session belongs to one user: another user's id with it is refused.
      const admins = payloadOf(admin).sub;
      expect((await ownGroup(sign({ sub: admins, sid, iat: now, exp: now + 600 }))).status).toBe(401);
    });

    it('refuses a session past its expiry even when the token is not', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        payloadOf(user.token).sid,
      ]);
      expect((await ownGroup(user.token)).status).toBe(401);
    });
  });

  describe('what an admin changes ends the user’s access at once', () => {
    it('a deactivated user: its token answers 401, it cannot sign in; reactivated, it can again', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      expect((await ownGroup(user.token)).status).toBe(200);
      const off = await api
        .as(admin)
        .patch('/users/{id}', { params: { id: user.id }, body: { active: false } });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ id: user.id, active: false, role: 'coordinator' });
      expect((await ownGroup(user.token)).status).toBe(401);
      const refused = await api
        .anonymous()
        .post('/auth/login', { body: { email: user.email, password: user.password } });
      expect(refused.status).toBe(401);
      expect(refused.text).not.toContain('accessToken');

      expect(
        (await api.as(admin).patch('/users/{id}', { params: { id: user.id }, body: { active: true } }))
          .status,
      ).toBe(200);
      expect((await ownGroup(user.token)).status).toBe(401); // the old session stays ended
      expect((await ownGroup(await login(api, user.email, user.password))).status).toBe(200);
    });

    it('a coordinator made a member: its old token is refused, a new one acts as a member', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const memberId = await member(t.dataSource, groupId);
      const changed = await api
        .as(admin)
        .patch('/users/{id}', { params: { id: user.id }, body: { role: 'member', memberId } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ role: 'member', memberId, consumerGroupId: groupId });
      const addMember = (token: string) =>
        api.as(token).post('/consumer-groups/{id}/members', {
          params: { id: groupId },
          body: {
            name: 'Late',
            email: `${unique('late')}@test.example`,
          },
        });
      expect((await addMember(user.token)).status).toBe(401);
      expect((await addMember(await login(api, user.email, user.password))).status).toBe(403);
    });

    it('a cooperative moved to another cooperative: the old token no longer reaches either', async () => {
      const first = await cooperative(t.dataSource, territoryId);
      const second = await cooperative(t.dataSource, territoryId);
      const user = await account(api, admin, 'cooperative', { cooperativeId: first });
      expect((await api.as(user.token).get('/cooperatives/{id}', { params: { id: first } })).status).toBe(
        200,
      );
      const moved = await api
        .as(admin)
        .patch('/users/{id}', { params: { id: user.id }, body: { cooperativeId: second } });
      expect(moved.status).toBe(200);
      expect((await api.as(user.token).get('/cooperatives/{id}', { params: { id: second } })).status).toBe(
        401,
      );
      const fresh = await login(api, user.email, user.password);
      expect((await api.as(fresh).get('/cooperatives/{id}', { params: { id: second } })).status).toBe(200);
      expect((await api.as(fresh).get('/cooperatives/{id}', { params: { id: first } })).status).toBe(404);
    });

    it('a user deleted from the database: its token answers 401 on reads and writes, never 500', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      await t.dataSource.query(`DELETE FROM users WHERE id = $1`, [user.id]);
      expect((await ownGroup(user.token)).status).toBe(401);
      const write = await api.as(user.token).post('/consumer-groups/{id}/members', {
        params: { id: groupId },
        body: {
          name: 'Ghost',
          email: `${unique('ghost')}@test.example`,
        },
      });
      expect(write.status).toBe(401);
    });
  });

  describe('GET /users and PATCH /users/:id', () => {
    it('lists users page by page, filtered by role and activity, without password hashes', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const page = await api.as(admin).get('/users', { query: { role: 'coordinator', limit: 500 } });
      expect(page.status).toBe(200);
      expect(page.body.total).toBeGreaterThanOrEqual(1);
      expect(page.body.items.every((u: { role: string }) => u.role === 'coordinator')).toBe(true);
      expect(page.body.items.find((u: { id: string }) => u.id === user.id)).toEqual({
        id: user.id,
        email: user.email,
        role: 'coordinator',
        consumerGroupId: groupId,
        memberId: null,
        cooperativeId: null,
        transportOrganiserId: null,
        active: true,
        locale: null,
        createdAt: expect.any(String),
      });
      expect(page.text).not.toMatch(/argon2|passwordHash/);
      const one = await api.as(admin).get('/users', { query: { limit: 1, offset: 0 } });
      expect(one.body.items).toHaveLength(1);
      await api.as(admin).patch('/users/{id}', { params: { id: user.id }, body: { active: false } });
      const inactive = await api.as(admin).get('/users', { query: { active: 'false', limit: 500 } });
      expect(inactive.body.items.map((u: { id: string }) => u.id)).toContain(user.id);
      expect(inactive.body.items.every((u: { active: boolean }) => !u.active)).toBe(true);
    });

    it('is for admins only', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      expect((await api.as(user.token).get('/users')).status).toBe(403);
      expect(
        (await api.as(user.token).patch('/users/{id}', { params: { id: user.id }, body: { active: true } }))
          .status,
      ).toBe(403);
      expect((await api.anonymous().get('/users')).status).toBe(401);
    });

    it.each([
      [{ role: 'member' }, 'memberId is required for role member'],
      [{ role: 'admin', consumerGroupId: UNKNOWN_ID }, 'consumerGroupId must not be set for role admin'],
      [{ consumerGroupId: UNKNOWN_ID }, 'consumerGroupId: no such consumer group'],
      [{ active: 'no' }, 'active'],
      [{ role: 'owner' }, 'role'],
      [{ password: 'a new password' }, 'password'],
      [{ email: 'other@test.example' }, 'email'],
    ])('refuses %j naming the field, changing nothing', async (body, message) => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const reply = await api
        .as(admin)
        .patch('/users/{id}', { params: { id: user.id }, body: body as Invalid });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain(message);
      expect((await ownGroup(user.token)).status).toBe(200);
    });

    it('answers 404 for an unknown user and 400 for a malformed id', async () => {
      expect(
        (await api.as(admin).patch('/users/{id}', { params: { id: UNKNOWN_ID }, body: { active: false } }))
          .status,
      ).toBe(404);
      expect(
        (await api.as(admin).patch('/users/{id}', { params: { id: 'not-a-uuid' }, body: { active: false } }))
          .status,
      ).toBe(400);
    });
  });
});

describe('the session cookie', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let groupId: string;
  let email: string;
  const password = 'correct horse battery';

  beforeAll(async () => {
    t = await startTestApp({ trustProxy: true });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    groupId = await consumerGroup(
      t.dataSource,
      await territory(t.dataSource, 'BE', 'Europe/Brussels', 'EUR'),
    );
    email = (await account(api, admin, 'coordinator', { consumerGroupId: groupId })).email;
  });
  afterAll(() => t.close());

  const signIn = async (headers: Record<string, string> = {}) => {
    const reply = await api.anonymous().post('/auth/login', { body: { email, password }, headers });
    expect(reply.status).toBe(200);
    const setCookie = [reply.headers['set-cookie']].flat()[0] as string;
    return { reply, setCookie, cookie: setCookie.split(';')[0] };
  };
  /** A request as the browser sends it, with the session cookie (and no Bearer token). */
  const withCookie = (cookie: string, method: string, url: string, body?: unknown, headers = {}) =>
    api.anonymous().request(method, url, body, { cookie, ...headers });
  const addMember = (cookie: string, headers: Record<string, string>) =>
    withCookie(
      cookie,
      'POST',
      apiUrl('/consumer-groups/{id}/members', { id: groupId }),
      { name: 'Someone', email: `${unique('someone')}@test.example` },
      headers,
    );

  it('is set at login: httpOnly, SameSite=Strict, Path=/, as long-lived as the token; Secure over HTTPS only', async () => {
    const { reply, setCookie } = await signIn();
    expect(setCookie).toMatch(
      new RegExp(`^proxima_session=${reply.body.accessToken.replace(/\./g, '\\.')};`),
    );
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toContain(`Max-Age=${testConfig().jwtTtlSeconds}`);
    expect(setCookie).not.toMatch(/; Secure/i);
    const behindTls = await signIn({ 'x-forwarded-proto': 'https' });
    expect(behindTls.setCookie).toMatch(/; Secure/i);
  });

  it('authenticates reads like a Bearer token', async () => {
    const { cookie } = await signIn();
    expect((await withCookie(cookie, 'GET', apiUrl('/consumer-groups/{id}', { id: groupId }))).status).toBe(
      200,
    );
    expect(
      (await withCookie('proxima_session=forged', 'GET', apiUrl('/consumer-groups/{id}', { id: groupId })))
        .status,
    ).toBe(401);
  });

  it('needs the CSRF header for a write, and refuses one from another origin', async () => {
    const { cookie } = await signIn();
    const refused = await addMember(cookie, {});
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('x-proxima-csrf: 1');
    expect((await addMember(cookie, { 'x-proxima-csrf': '1', origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await addMember(cookie, { 'x-proxima-csrf': '1', 'sec-fetch-site': 'cross-site' })).status).toBe(
      403,
    );
    expect(
      (
        await addMember(cookie, {
          'x-proxima-csrf': '1',
          origin: 'http://localhost:80',
          host: 'localhost:80',
        })
      ).status,
    ).toBe(201);
    // The web app's public URL is trusted too.
    expect((await addMember(cookie, { 'x-proxima-csrf': '1', origin: 'http://localhost:3000' })).status).toBe(
      201,
    );
    expect((await addMember(cookie, { 'x-proxima-csrf': '1', 'sec-fetch-site': 'same-origin' })).status).toBe(
      201,
    );
  });

  it('leaves Bearer requests without the CSRF header alone', async () => {
    const { reply } = await signIn();
    const created = await api.as(reply.body.accessToken).post('/consumer-groups/{id}/members', {
      params: { id: groupId },
      body: {
        name: 'Bearer',
        email: `${unique('bearer')}@test.example`,
      },
    });
    expect(created.status).toBe(201);
  });

  it('logout by cookie ends the session on the server and clears the cookie', async () => {
    const { cookie, reply } = await signIn();
    expect((await withCookie(cookie, 'POST', apiUrl('/auth/logout'), {})).status).toBe(403);
    const out = await withCookie(cookie, 'POST', apiUrl('/auth/logout'), {}, { 'x-proxima-csrf': '1' });
    expect(out.status).toBe(204);
    const cleared = [out.headers['set-cookie']].flat()[0] as string;
    expect(cleared).toMatch(/^proxima_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    expect((await withCookie(cookie, 'GET', apiUrl('/consumer-groups/{id}', { id: groupId }))).status).toBe(
      401,
    );
    expect(
      (await api.as(reply.body.accessToken).get('/consumer-groups/{id}', { params: { id: groupId } })).status,
    ).toBe(401);
  });
});
