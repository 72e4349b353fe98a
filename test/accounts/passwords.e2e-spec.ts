import { randomInt } from 'node:crypto';
import { QueueName } from '../../src/queue/jobs';
import { QueueService } from '../../src/queue/queue.service';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { startSmtpServer } from '../notifications/support';
import { consumerGroup, territory } from '../support/rows';
import { Api, type Invalid, type RequestBody } from '../support/api';
import { account, adminToken, login, startTestApp, unique, type TestApp } from '../support/test-app';
import { deliverMailTo, tokenInMail } from './mail-support';

const NEW_PASSWORD = 'a brand new passphrase';

function address(): Record<string, string> {
  return { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
}

describe('passwords', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let groupId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      queuePrefix: unique('pw'),
      trustProxy: true,
      passwordResetLimits: { perEmailPerHour: 2, perAddressPerHour: 3 },
    });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    groupId = await consumerGroup(
      t.dataSource,
      await territory(t.dataSource, 'BE', 'Europe/Brussels', 'EUR'),
    );
  });
  afterAll(async () => {
    await t.app.get(QueueService).queue(QueueName.Notifications).obliterate({ force: true });
    await t.close();
    await smtp.close();
  });

  const requestReset = (email: string, from = address()) =>
    api.anonymous().post('/auth/password-reset', { body: { email }, headers: from });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    api.anonymous().post('/auth/password-reset/confirm', { body: { token, password } });
  const ownGroup = (token: string) => api.as(token).get('/consumer-groups/{id}', { params: { id: groupId } });
  const mailedToken = async (email: string) => {
    await deliverMailTo(t.dataSource, t.app.get(NotificationsService), email);
    return tokenInMail(smtp.mails, email, '/password-reset/confirm').token;
  };

  describe('POST /auth/password-reset and /confirm', () => {
    it('mails a link that sets the password once, ends every session and signs in anew', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const other = await login(api, user.email, user.password);
      const asked = await requestReset(user.email.toUpperCase());
      expect(asked.status).toBe(202);
      expect(asked.text).toBe('');
      const token = await mailedToken(user.email);
      const [reset] = await t.dataSource.query(
        `SELECT encode(r.token_hash, 'hex') AS hash, r.expires_at - r.created_at AS valid FROM password_resets r
           JOIN users u ON u.id = r.user_id WHERE u.email = $1`,
        [user.email],
      );
      expect(reset.hash).toHaveLength(64);
      expect(reset.valid).toMatchObject({ hours: 1 });

      const confirmed = await confirm(token);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.user).toMatchObject({ email: user.email, role: 'coordinator' });
      expect([confirmed.headers['set-cookie']].flat()[0]).toMatch(/^proxima_session=/);
      expect((await ownGroup(user.token)).status).toBe(401);
      expect((await ownGroup(other)).status).toBe(401);
      expect((await ownGroup(confirmed.body.accessToken)).status).toBe(200);
      const old = await api
        .anonymous()
        .post('/auth/login', { body: { email: user.email, password: user.password } });
      expect(old.status).toBe(401);
      expect((await login(api, user.email, NEW_PASSWORD)).length).toBeGreaterThan(0);

      const again = await confirm(token, 'yet another passphrase');
      expect(again.status).toBe(400);
      expect(again.body.message).toContain('token');
    });

    it('answers 202 for an email without an account, and writes nothing for it', async () => {
      const nobody = `${unique('nobody')}@test.example`;
      const asked = await requestReset(nobody);
      expect(asked.status).toBe(202);
      // The known account's mail is written after the unknown one was looked up.
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      expect((await requestReset(user.email)).status).toBe(202);
      await mailedToken(user.email);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE target = $1`,
        [nobody],
      );
      expect(n).toBe(0);
    });

    it('writes nothing for a deactivated user', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      await api.as(admin).patch('/users/{id}', { params: { id: user.id }, body: { active: false } });
      expect((await requestReset(user.email)).status).toBe(202);
      const fresh = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      expect((await requestReset(fresh.email)).status).toBe(202);
      await mailedToken(fresh.email);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE target = $1`,
        [user.email],
      );
      expect(n).toBe(0);
    });

    it('refuses an expired link, and a weak new password', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      expect((await requestReset(user.email)).status).toBe(202);
      const token = await mailedToken(user.email);
      const weak = await confirm(token, 'password123');
      expect(weak.status).toBe(400);
      expect(weak.body.message).toContain('password');
      await t.dataSource.query(
        `UPDATE password_resets SET expires_at = now() - interval '1 second'
          WHERE user_id = $1`,
        [user.id],
      );
      expect((await confirm(token)).status).toBe(400);
      expect((await ownGroup(user.token)).status).toBe(200); // nothing ended
    });

    it('limits requests per email and per address, with Retry-After', async () => {
      const email = `${unique('flood')}@test.example`;
      expect((await requestReset(email)).status).toBe(202);
      expect((await requestReset(email)).status).toBe(202);
      const third = await requestReset(email);
      expect(third.status).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(3000);

      const from = address();
      for (let i = 0; i < 3; i += 1)
        expect((await requestReset(`${unique('spray')}@test.example`, from)).status).toBe(202);
      expect((await requestReset(`${unique('spray')}@test.example`, from)).status).toBe(429);
    });

    it.each([[{}], [{ email: 'not-an-email' }], [{ email: 'a@test.example', extra: 1 }]])(
      'refuses %j',
      async (body) => {
        expect((await api.anonymous().post('/auth/password-reset', { body: body as Invalid })).status).toBe(
          400,
        );
      },
    );
  });

  describe('PUT /me/password', () => {
    const change = (token: string, body: RequestBody<'/me/password', 'put'>) =>
      api.as(token).put('/me/password', { body });

    it('needs the current password, then ends every other session but this one', async () => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const other = await login(api, user.email, user.password);
      const wrong = await change(user.token, {
        currentPassword: 'not the password',
        newPassword: NEW_PASSWORD,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.message).toContain('currentPassword');
      expect((await ownGroup(other)).status).toBe(200);

      const changed = await change(user.token, { currentPassword: user.password, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(204);
      expect((await ownGroup(user.token)).status).toBe(200);
      expect((await ownGroup(other)).status).toBe(401);
      expect((await login(api, user.email, NEW_PASSWORD)).length).toBeGreaterThan(0);
    });

    it.each([
      [{ currentPassword: 'x', newPassword: 'short' }, 'newPassword'],
      [{ currentPassword: 'x', newPassword: 'password123' }, 'newPassword'],
      [{ newPassword: NEW_PASSWORD }, 'currentPassword'],
    ])('refuses %j naming %s', async (body, field) => {
      const user = await account(api, admin, 'coordinator', { consumerGroupId: groupId });
      const reply = await change(user.token, body as Invalid);
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain(field);
    });

    it('needs a session', async () => {
      expect(
        (
          await api
            .anonymous()
            .put('/me/password', { body: { currentPassword: 'x', newPassword: NEW_PASSWORD } })
        ).status,
      ).toBe(401);
    });
  });

  it('POST /users refuses a common password too', async () => {
    const reply = await api.as(admin).post('/users', {
      body: {
        email: `${unique('u')}@test.example`,
        password: 'password123',
        role: 'admin',
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('password is one of the most common passwords');
  });
});
