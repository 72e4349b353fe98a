import { randomInt } from 'node:crypto';
import { Api } from '../support/api';
import { adminToken, startTestApp, unique, type TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';

/** A client address of its own (only read behind a trusted proxy), so that tests do not share counts. */
function address(): Record<string, string> {
  return { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
}

describe('login limits', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;

  beforeAll(async () => {
    // Behind a proxy (TRUST_PROXY=true), the client address is the X-Forwarded-For one.
    t = await startTestApp({
      trustProxy: true,
      loginLimits: { consecutiveFailures: 3, blockSeconds: 600, dailyFailuresPerAddress: 6 },
      // Counters of its own: other suites' wrong passwords from 127.0.0.1 (this run's Redis
      // prefix is shared) would otherwise reach the daily cap of 6 before its admin signs in.
      queuePrefix: unique('limits').replace(/[^a-z0-9-]/gi, ''),
    });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
  });
  afterAll(() => t.close());

  async function newAccount(): Promise<string> {
    const email = `${unique('limited')}@test.example`;
    const created = await api
      .as(admin)
      .post('/users', { body: { email, password: PASSWORD, role: 'admin' } });
    expect(created.status).toBe(201);
    return email;
  }
  const attempt = (email: string, password: string, from: Record<string, string>) =>
    api.anonymous().post('/auth/login', { body: { email, password }, headers: from });

  it('blocks an (account, address) pair after its wrong passwords in a row, with Retry-After, even for the right password', async () => {
    const email = await newAccount();
    const attacker = address();
    for (let i = 0; i < 3; i += 1)
      expect((await attempt(email, 'wrong password', attacker)).status).toBe(401);
    const blocked = await attempt(email, PASSWORD, attacker);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(blocked.text).not.toContain('accessToken');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });

  it('never locks the account itself: its owner signs in from its own address meanwhile', async () => {
    const email = await newAccount();
    // Attackers at several addresses, each blocked in turn.
    for (let a = 0; a < 3; a += 1) {
      const attacker = address();
      for (let i = 0; i < 3; i += 1) await attempt(email, 'wrong password', attacker);
      expect((await attempt(email, 'wrong password', attacker)).status).toBe(429);
    }
    const owner = await attempt(email, PASSWORD, address());
    expect(owner.status).toBe(200);
  });

  it('a successful login resets its pair', async () => {
    const email = await newAccount();
    const from = address();
    // Without the reset, the fourth wrong password in a row would be refused (limit 3).
    for (let round = 0; round < 2; round += 1) {
      expect((await attempt(email, 'wrong password', from)).status).toBe(401);
      expect((await attempt(email, 'wrong password', from)).status).toBe(401);
      expect((await attempt(email, PASSWORD, from)).status).toBe(200);
    }
  });

  it('does not count successful logins', async () => {
    const email = await newAccount();
    const from = address();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await attempt(email, PASSWORD, from)).status);
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it('caps the wrong passwords of one address per day, whatever the accounts tried', async () => {
    const from = address();
    for (let i = 0; i < 6; i += 1) {
      // A different account each time, two of them real: no pair reaches its own limit.
      const email = i < 2 ? await newAccount() : `${unique('spray')}@test.example`;
      expect((await attempt(email, 'wrong password', from)).status).toBe(401);
    }
    const real = await newAccount();
    const blocked = await attempt(real, PASSWORD, from);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    // Elsewhere, the same account is fine.
    expect((await attempt(real, PASSWORD, address())).status).toBe(200);
  });

  it('ignores the case of the email when counting a pair', async () => {
    const email = await newAccount();
    const from = address();
    for (const variant of [email, email.toUpperCase(), email]) {
      expect((await attempt(variant, 'wrong password', from)).status).toBe(401);
    }
    expect((await attempt(email.toUpperCase(), PASSWORD, from)).status).toBe(429);
  });
});

describe('login limits without a trusted proxy', () => {
  it('ignores X-Forwarded-For, so a client cannot pick a fresh address per attempt', async () => {
    const direct = await startTestApp({
      loginLimits: { consecutiveFailures: 3, blockSeconds: 600, dailyFailuresPerAddress: 100_000 },
      queuePrefix: unique('direct').replace(/[^a-z0-9-]/gi, ''),
    });
    try {
      const client = new Api(direct.app);
      const email = `${unique('spoof')}@test.example`;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const body = { email, password: 'wrong password' };
        statuses.push((await client.anonymous().post('/auth/login', { body, headers: address() })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await direct.close();
    }
  });
});
