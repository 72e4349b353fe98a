import { createHmac } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { Api, API_PREFIX, apiUrl, type Invalid } from '../support/api';
import {
  adminToken,
  login,
  startTestApp,
  testConfig,
  unique,
  userToken,
  type TestApp,
} from '../support/test-app';
import { cooperative, territory } from '../support/rows';
import { sleep } from '../support/wait';

const PASSWORD = 'correct horse battery';

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT signed like the application signs them (HS256), with claims of our choosing. */
function signToken(claims: Record<string, unknown>, secret = testConfig().jwtSecret, alg = 'HS256'): string {
  const unsigned = `${base64url({ alg, typ: 'JWT' })}.${base64url(claims)}`;
  const signature = alg === 'none' ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('login and tokens', () => {
  let t: TestApp;
  let api: Api;
  let admin: string;
  let email: string;
  let cooperativeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    cooperativeId = await cooperative(
      t.dataSource,
      await territory(t.dataSource, 'MA', 'Africa/Casablanca', 'MAD'),
    );
    email = `${unique('Login')}@test.example`;
    const created = await api
      .as(admin)
      .post('/users', { body: { email, password: PASSWORD, role: 'cooperative', cooperativeId } });
    expect(created.status).toBe(201);
  });
  afterAll(() => t.close());

  describe('POST /auth/login', () => {
    it('answers a token and the user, never the password or its hash', async () => {
      const reply = await api.anonymous().post('/auth/login', { body: { email, password: PASSWORD } });
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body).sort()).toEqual(['accessToken', 'user']);
      expect(reply.body.user).toEqual({
        id: expect.any(String),
        email,
        role: 'cooperative',
        consumerGroupId: null,
        memberId: null,
        cooperativeId,
        transportOrganiserId: null,
      });
      expect(reply.text).not.toContain(PASSWORD);
      expect(reply.text).not.toMatch(/"password(Hash)?"\s*:|\$argon2/);
      // The token names the user and its session; role and organisation are read from the database.
      expect(Object.keys(payloadOf(reply.body.accessToken)).sort()).toEqual(['exp', 'iat', 'sid', 'sub']);
      expect(payloadOf(reply.body.accessToken)).toMatchObject({ sub: reply.body.user.id });
      expect(JSON.stringify(payloadOf(reply.body.accessToken))).not.toContain('argon2');

      const own = await api
        .as(reply.body.accessToken)
        .get('/cooperatives/{id}', { params: { id: cooperativeId } });
      expect(own.status).toBe(200);
    });

    it('ignores the case of the email', async () => {
      const reply = await api
        .anonymous()
        .post('/auth/login', { body: { email: email.toUpperCase(), password: PASSWORD } });
      expect(reply.status).toBe(200);
    });

    it('answers the same 401 for a wrong password and for an unknown email', async () => {
      const wrongPassword = await api
        .anonymous()
        .post('/auth/login', { body: { email, password: 'not the password' } });
      const unknownEmail = await api
        .anonymous()
        .post('/auth/login', { body: { email: `${unique('nobody')}@test.example`, password: PASSWORD } });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(wrongPassword.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Wrong email or password',
      });
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it.each([
      [{ email: 'not-an-email', password: PASSWORD }, 'email'],
      [{ email: 'a@test.example' }, 'password'],
      [{ email: 'a@test.example', password: '' }, 'password'],
      [{ email: 'a@test.example', password: PASSWORD, role: 'admin' }, 'role'],
    ])('refuses a malformed body %j naming %s', async (body, field) => {
      const reply = await api.anonymous().post('/auth/login', { body: body as Invalid });
      expect(reply.status).toBe(400);
      expect(reply.body.message).toContain(field);
      expect(reply.text).not.toContain(PASSWORD);
    });
  });

  describe('tokens', () => {
    const url = '/territories';
    let adminId: string;
    let sessionId: string;

    beforeAll(() => {
      adminId = payloadOf(admin).sub as string;
      sessionId = payloadOf(admin).sid as string;
    });

    const claims = (extra: Record<string, unknown> = {}) => ({
      sub: adminId,
      sid: sessionId,
      iat: Math.floor(Date.now() / 1000) - 60,
      exp: Math.floor(Date.now() / 1000) + 600,
      ...extra,
    });

    it('accepts a token signed with the secret (so the refusals below are for the stated reason)', async () => {
      expect((await api.as(signToken(claims())).get(url)).status).toBe(200);
    });

    it('refuses an expired token', async () => {
      const expired = signToken(
        claims({ iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 1 }),
      );
      const reply = await api.as(expired).get(url);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'The token is invalid or has expired',
      });
    });

    it('refuses a token the application issued once its lifetime is over', async () => {
      const shortLived = await startTestApp({ jwtTtlSeconds: 1 });
      try {
        const client = new Api(shortLived.app);
        const token = await login(client, email, PASSWORD);
        expect(
          (await client.as(token).get('/cooperatives/{id}', { params: { id: cooperativeId } })).status,
        ).toBe(200);
        await sleep(2100);
        expect(
          (await client.as(token).get('/cooperatives/{id}', { params: { id: cooperativeId } })).status,
        ).toBe(401);
      } finally {
        await shortLived.close();
      }
    });

    it('refuses a token whose claims were changed after signing', async () => {
      const cooperative = await userToken(api, admin, 'cooperative', { cooperativeId });
      expect((await api.as(cooperative).get(url)).status).toBe(403);
      const [header, payload, signature] = cooperative.split('.');
      const promoted = base64url({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        sub: adminId,
        sid: sessionId,
      });
      expect((await api.as(`${header}.${promoted}.${signature}`).get(url)).status).toBe(401);
      const flipped = signature.endsWith('A') ? 'B' : 'A';
      expect((await api.as(`${header}.${payload}.${signature.slice(0, -1)}${flipped}`).get(url)).status).toBe(
        401,
      );
    });

    it('refuses a token signed with another secret or with no signature', async () => {
      expect(
        (await api.as(signToken(claims(), 'another secret of at least 32 characters!')).get(url)).status,
      ).toBe(401);
      expect((await api.as(signToken(claims(), '', 'none')).get(url)).status).toBe(401);
      expect((await api.as(signToken(claims(), testConfig().jwtSecret, 'HS512')).get(url)).status).toBe(401);
    });

    it('refuses a missing or malformed authorization header', async () => {
      expect((await api.anonymous().get(url)).status).toBe(401);
      expect(
        (await api.anonymous().request('GET', apiUrl(url), undefined, { authorization: `Basic ${admin}` }))
          .status,
      ).toBe(401);
      expect(
        (await api.anonymous().request('GET', apiUrl(url), undefined, { authorization: 'Bearer' })).status,
      ).toBe(401);
      expect((await api.as('not.a.token').get(url)).status).toBe(401);
    });
  });

  describe('platform', () => {
    it('reports health without a token', async () => {
      const reply = await api.anonymous().get('/health');
      expect(reply.status).toBe(200);
      // Workers, stalled cycles and late events are other tests' (test/health/).
      expect(reply.body).toEqual({
        status: expect.stringMatching(/^(ok|degraded)$/),
        database: 'up',
        redis: 'up',
        workers: expect.any(Array),
        stalledCycles: expect.any(Array),
        failedStages: expect.any(Array),
        lateEvents: expect.any(Array),
      });
    });

    // Raw URLs: one of them is a route that must not exist, and the test names show the full path.
    it.each(['/api/v1/health', '/api/v1/territories', '/api/v1/seasons', '/api/v1/no-such-route'])(
      'sends the security headers on %s, answered or refused',
      async (url) => {
        const reply = await api.anonymous().request('GET', url);
        expect(reply.headers['x-content-type-options']).toBe('nosniff');
        expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
        expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(reply.headers['strict-transport-security']).toContain('max-age=');
        expect(reply.headers['x-powered-by']).toBeUndefined();
      },
    );

    it('documents every route of the API in /docs-json', async () => {
      const reply = await api.anonymous().request('GET', '/docs-json');
      expect(reply.status).toBe(200);
      const documented = new Set(
        Object.entries(reply.body.paths as Record<string, Record<string, unknown>>).flatMap(
          ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
        ),
      );
      const routes = registeredRoutes(t);
      expect(routes.length).toBeGreaterThan(10);
      expect(routes.filter((route) => !documented.has(route))).toEqual([]);
      for (const route of [
        'POST /api/v1/auth/login',
        'POST /api/v1/users',
        'GET /api/v1/health',
        'POST /api/v1/territories',
        'GET /api/v1/territories',
        'POST /api/v1/cooperatives',
        'GET /api/v1/cooperatives/{id}',
        'POST /api/v1/pickup-points',
        'GET /api/v1/transport-organisers',
      ]) {
        expect(documented).toContain(route);
      }
    });
  });
});

/** Every route the application's controllers declare, as `METHOD /api/v1/path/{param}`. */
function registeredRoutes(t: TestApp): string[] {
  const routes: string[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, metatype)].flat()[0] ?? '';
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        if (method === undefined) continue;
        const path = [Reflect.getMetadata(PATH_METADATA, handler)].flat()[0] ?? '';
        const full = `${API_PREFIX}/${base}/${path}`
          .replace(/\/+/g, '/')
          .replace(/\/$/, '')
          .replace(/:(\w+)/g, '{$1}');
        routes.push(`${RequestMethod[method]} ${full}`);
      }
    }
  }
  return routes;
}
