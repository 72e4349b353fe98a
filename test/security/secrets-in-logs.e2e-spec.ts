import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { createRootLogger } from '../../src/common/logging/logger';
import { createHttpApp } from '../../src/http-app';
import { consumerGroup, territory } from '../support/rows';
import { Api, type Invalid } from '../support/api';
import { adminToken, login, testConfig, unique } from '../support/test-app';

/**
 * Passwords, their hashes and bearer tokens never reach the logs, even at the most verbose
 * level: the application runs with the production logger (createRootLogger, with its redaction
 * paths) writing into a buffer, and every line is searched after logins, failed logins, user
 * creations, refused bodies and authenticated requests.
 */
describe('secrets in the logs', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  it('logs requests at trace level but never a password, a hash or a token', async () => {
    const app = await createHttpApp(testConfig({ logLevel: 'trace' }), createRootLogger('trace', sink));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const ds = app.get(DataSource);
    const api = new Api(app);
    try {
      const admin = await adminToken(api, ds);
      const groupId = await consumerGroup(ds, await territory(ds, 'BE', 'Europe/Brussels', 'EUR'));
      const passwords = [0, 1, 2].map(() => `pw-${unique('secret')}-Zq9`);
      const emails = passwords.map(() => `${unique('logged')}@test.example`);
      const tokens = [admin];
      for (const [i, password] of passwords.entries()) {
        const created = await api.as(admin).post('/users', {
          body: {
            email: emails[i],
            password,
            role: 'coordinator',
            consumerGroupId: groupId,
          },
        });
        expect(created.status).toBe(201);
        tokens.push(await login(api, emails[i], password));
      }
      // a wrong password, an unknown email, a refused body holding a password, a duplicate user
      expect(
        (await api.post('/auth/login', { body: { email: emails[0], password: passwords[1] } })).status,
      ).toBe(401);
      expect(
        (await api.post('/auth/login', { body: { email: 'nobody@test.example', password: passwords[2] } }))
          .status,
      ).toBe(401);
      expect(
        (
          await api.post('/auth/login', {
            body: {
              email: emails[1],
              password: passwords[1],
              extra: passwords[2],
            } as Invalid,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await api.as(admin).post('/users', {
            body: {
              email: emails[2],
              password: passwords[2],
              role: 'coordinator',
              consumerGroupId: groupId,
            },
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await api.as(admin).post('/users', {
            body: { email: 'not an email', password: passwords[0], role: 'boss' } as Invalid,
          })
        ).status,
      ).toBe(400);
      for (const token of tokens) expect((await api.as(token).get('/consumer-groups')).status).toBe(200);
      // a token that is refused is a secret too (it may be one character away from a good one)
      expect((await api.as(`${tokens[1]}x`).get('/consumer-groups')).status).toBe(401);

      const hashes: string[] = (
        await ds.query(`SELECT password_hash FROM users WHERE email = ANY($1)`, [emails])
      ).map((row: { password_hash: string }) => row.password_hash);
      expect(hashes).toHaveLength(3);
      const secrets = [
        ...passwords,
        ...hashes,
        ...tokens,
        ...tokens.map((t) => t.split('.')[2]), // the signature alone
        testConfig().jwtSecret,
      ];
      const text = lines.join('\n');
      // the logs are there (so the search below searches something): one line per request at least
      expect(lines.length).toBeGreaterThan(20);
      expect(text).toContain('/api/v1/auth/login');
      expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
      console.info(`secrets in logs: ${lines.length} log lines searched for ${secrets.length} secrets`);
    } finally {
      await app.close();
    }
  });
});
