import fc from 'fast-check';
import { fcParameters, runsFactor } from '../support/property';
import { changedTables, snapshot, snapshotQuery, tableNames, type Snapshot } from '../support/db-snapshot';
import { isolatedDatabase } from '../support/isolated-database';
import { Api, API_PREFIX, type Reply } from '../support/api';
import { adminToken, startTestApp, unique, type TestApp } from '../support/test-app';
import { buildWorld, type World } from './world';
import { writeEndpoints, type Body, type WriteEndpoint } from './write-endpoints';

/**
 * Every write endpoint of the API, fed hostile bodies by fast-check: wrong types, numbers far
 * beyond any column, 100 kB strings, 10 000-item arrays, deep nesting, unknown fields, emoji,
 * right-to-left marks and NUL characters, `__proto__` / `constructor` / `prototype` keys (sent as
 * raw JSON text, so the key is really in the body), text that is not JSON and wrong content
 * types. For each request: never a 5xx, an error body `{statusCode, error, message}`, and on a
 * 4xx not one row of the database changed (every table's count and content digest). The app runs
 * on a database of its own, so whole-table digests see only what this file's requests did.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const PASSWORD = 'correct horse battery';
const login = { email: '', password: PASSWORD };
const ENDPOINTS = writeEndpoints(login);

/** Reads with query parameters (and a path month): hostile query strings must not answer 5xx either. */
const READS: { name: string; path: (w: World) => string; params: string[] }[] = [
  { name: 'GET /territories', path: () => '/territories', params: ['limit', 'offset'] },
  {
    name: 'GET /consumer-groups',
    path: () => '/consumer-groups',
    params: ['limit', 'offset', 'territoryId'],
  },
  {
    name: 'GET /partnerships/:id/charter',
    path: (w) => `/partnerships/${w.r.partnershipId}/charter`,
    params: ['version'],
  },
  {
    name: 'GET /seasons/:id/commitments',
    path: (w) => `/seasons/${w.season.seasonId}/commitments`,
    params: ['month', 'consumerGroupId'],
  },
  {
    name: 'GET /cycles/:id/demand',
    path: (w) => `/cycles/${w.cycles.confirming}/demand`,
    params: ['cooperativeId'],
  },
  {
    name: 'GET /cycles/:id/allocations',
    path: (w) => `/cycles/${w.cycles.settled}/allocations`,
    params: ['consumerGroupId', 'memberId', 'limit', 'offset'],
  },
  {
    name: 'GET /shipments/:id/manifest',
    path: (w) => `/shipments/${w.shipments.settled}/manifest`,
    params: ['version'],
  },
  { name: 'GET /audit-log', path: () => '/audit-log', params: ['limit', 'offset', 'action', 'subjectId'] },
  {
    name: 'GET /notifications',
    path: () => '/notifications',
    params: ['limit', 'offset', 'cycleId', 'status'],
  },
  {
    name: 'GET /seasons/:id/members/:memberId/pledges',
    path: (w) => `/seasons/${w.season.seasonId}/members/${w.memberId}/pledges`,
    params: ['month'],
  },
];

// ---------------------------------------------------------------------------------------------
// Hostile values and the ways a body is spoiled

const NUL = '\u0000';
/**
 * Large values travel through fast-check as short tokens (so a counterexample prints in a line)
 * and are expanded when the body is serialised.
 */
const LARGE: Record<string, () => string> = {
  '<huge string>': () => JSON.stringify('x'.repeat(100_000)),
  '<huge string with NUL>': () => JSON.stringify(`${'x'.repeat(100_000)}${NUL}`),
  '<10k numbers>': () => JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i)),
  '<10k lines>': () =>
    JSON.stringify(
      Array.from({ length: 10_000 }, () => ({
        offerId: '00000000-0000-4000-8000-000000000000',
        quantity: 1,
      })),
    ),
  '<nested 64>': () => deep(64),
  '<nested 3000>': () => deep(3000),
};
/** `{"a":[{"a":[…1…]}]}`, written as text: JSON.stringify itself would run out of stack. */
function deep(depth: number): string {
  const half = Math.floor(depth / 2);
  return `${'{"a":['.repeat(half)}1${']}'.repeat(half)}`;
}
function serialise(value: unknown): string {
  let text = JSON.stringify(value) ?? 'null';
  for (const [token, make] of Object.entries(LARGE)) {
    if (text.includes(`"${token}"`)) text = text.split(`"${token}"`).join(make());
  }
  return text;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      1e308,
      -1e308,
      2 ** 53 + 1,
      -(2 ** 53 + 1),
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 63,
      5e-324,
      -0,
      0.5,
      -1,
      1.5,
      'NaN',
      'Infinity',
      '-Infinity',
      '1e309',
      '0x1F',
      '12',
      '',
      ' ',
      null,
      true,
      false,
      [],
      {},
      NUL,
      `a${NUL}b`,
      `${NUL}@test.example`,
      '😀🇧🇪👩‍👩‍👧',
      '\u202Eevil\u202C',
      'مرحبا بالعالم',
      '\uD800',
      '\uFEFF',
      '00000000-0000-0000-0000-000000000000',
      '2030-13',
      '2030-02-30',
      'javascript:alert(1)',
      "'; DROP TABLE users; --",
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...Object.keys(LARGE)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => Number(n)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'];
const pollution = fc.oneof(
  fc.constantFrom<unknown>(
    { isAdmin: true },
    { polluted: 'yes' },
    { prototype: { polluted: 'yes' } },
    null,
    1,
    'x',
  ),
  hostileValue,
);

type Mutation =
  | { kind: 'set'; path: (string | number)[]; value: unknown }
  | { kind: 'unknown-field'; at: (string | number)[]; key: string; value: unknown }
  | { kind: 'pollute'; at: (string | number)[]; key: string; value: unknown }
  | { kind: 'drop'; path: (string | number)[] }
  | { kind: 'whole'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'content-type'; contentType: string };

/** Every path into a body: each key of each object and each item of each array. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

/** Paths of the objects in a body (the body itself first), where fields can be added. */
function objectPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...prefix, i]));
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...prefix, k]))];
  return [];
}

function mutations(sample: Body): fc.Arbitrary<Mutation> {
  const leafPaths = paths(sample);
  const holders = objectPaths(sample);
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({
      kind: fc.constant('unknown-field' as const),
      at: fc.constantFrom(...holders),
      key: fc.oneof(
        fc.constantFrom('extra', 'id', 'role', 'isAdmin', 'version', '', NUL, '😀', 'toString'),
        fc.string(),
      ),
      value: hostileValue,
    }),
    fc.record({
      kind: fc.constant('pollute' as const),
      at: fc.constantFrom(...holders),
      key: fc.constantFrom(...POLLUTING_KEYS),
      value: pollution,
    }),
    fc.record({ kind: fc.constant('whole' as const), value: hostileValue }),
    fc.record({
      kind: fc.constant('raw' as const),
      text: fc.oneof(
        fc.constantFrom(
          '{',
          '{"a":',
          'nul',
          "{'a':1}",
          '[1,2',
          '{"a":1}}',
          '\u0000',
          '"\\u0000"',
          '{"a":"\\ud800"}',
          '{"a":1e99999}',
          '{"a":-1e99999}',
          '1'.repeat(5000),
          '{"a":[' + '['.repeat(5000) + ']'.repeat(5000) + ']}',
        ),
        fc.string({ unit: 'binary' }),
      ),
    }),
    fc.record({
      kind: fc.constant('content-type' as const),
      contentType: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=utf-16',
        'application/octet-stream',
        'application/json\u0000',
        '',
      ),
    }),
  ];
  if (leafPaths.length > 0) {
    options.push(
      fc.record({
        kind: fc.constant('set' as const),
        path: fc.constantFrom(...leafPaths),
        value: hostileValue,
      }),
      fc.record({
        kind: fc.constant('set' as const),
        path: fc.constantFrom(...leafPaths),
        value: hostileValue,
      }),
      fc.record({
        kind: fc.constant('set' as const),
        path: fc.constantFrom(...leafPaths),
        value: hostileValue,
      }),
      fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...leafPaths) }),
    );
  }
  return fc.oneof(...options);
}

function at(body: unknown, path: (string | number)[]): any {
  return path.reduce<any>((node, key) => (node == null ? node : node[key]), body);
}

interface Request {
  text: string;
  contentType: string;
}

const MARKER = (key: string) => `__fuzz_key_${POLLUTING_KEYS.indexOf(key)}__`;

/** The request text: a spoiled copy of the valid body, serialised by hand where keys must survive. */
function apply(body: Body, m: Mutation): Request {
  const copy: any = structuredClone(body);
  const json = 'application/json';
  switch (m.kind) {
    case 'set': {
      const parent = at(copy, m.path.slice(0, -1));
      if (parent != null) parent[m.path[m.path.length - 1]] = m.value;
      return { text: serialise(copy), contentType: json };
    }
    case 'drop': {
      const parent = at(copy, m.path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(Number(m.path[m.path.length - 1]), 1);
      else if (parent != null) delete parent[m.path[m.path.length - 1]];
      return { text: serialise(copy), contentType: json };
    }
    case 'unknown-field': {
      const holder = at(copy, m.at);
      if (holder != null) holder[m.key] = m.value;
      return { text: serialise(copy), contentType: json };
    }
    case 'pollute': {
      // JSON.stringify drops an own `__proto__` set by assignment: write a marker, then the real key.
      const holder = at(copy, m.at);
      if (holder != null) holder[MARKER(m.key)] = m.value;
      return {
        text: serialise(copy)
          .split(`"${MARKER(m.key)}"`)
          .join(JSON.stringify(m.key)),
        contentType: json,
      };
    }
    case 'whole':
      return { text: serialise(m.value), contentType: json };
    case 'raw':
      return { text: m.text, contentType: json };
    case 'content-type':
      return { text: serialise(copy), contentType: m.contentType };
  }
}

/**
 * Percent-encodes, but lets a literal `%` through (so `%00` and a stray `%` reach the server as
 * written) and writes an unpaired surrogate as its three WTF-8 bytes, which encodeURIComponent
 * refuses to do.
 */
function encodeQuery(text: string): string {
  return Array.from(text)
    .map((char) => {
      try {
        return encodeURIComponent(char).replace(/%25/g, '%');
      } catch {
        const code = char.charCodeAt(0);
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      }
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------

describe('hostile bodies on every write endpoint', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let w: World;
  let sql: string;
  let last: Snapshot;
  const figures = { reads: 0, requests: 0, rejected: 0, accepted: 0, tablesCompared: 0, rowsChecked: 0 };
  const statuses: Record<string, number> = {};
  const failures: string[] = [];

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_fuzz');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    w = await buildWorld(t, api, admin);
    login.email = `${unique('fuzz-login')}@test.example`;
    const created = await api.as(admin).post('/users', {
      body: {
        email: login.email,
        password: PASSWORD,
        role: 'member',
        memberId: w.memberId,
      },
    });
    expect(created.status).toBe(201);
    sql = snapshotQuery(await tableNames(t.dataSource));
    last = await snapshot(t.dataSource, sql);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  async function send(endpoint: WriteEndpoint, request: Request): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': request.contentType };
    return api.as(admin).request(endpoint.method, `${API_PREFIX}${endpoint.path(w)}`, request.text, headers);
  }

  /** Sends one request and checks the reply and, on a 4xx, that nothing was written. */
  async function check(endpoint: WriteEndpoint, request: Request): Promise<Reply> {
    const reply = await send(endpoint, request);
    figures.requests += 1;
    statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
    const now = await snapshot(t.dataSource, sql);
    const shown =
      request.text.length > 300
        ? `${request.text.slice(0, 300)}… (${request.text.length} chars)`
        : request.text;
    if (reply.status >= 500) {
      throw new Error(
        `${endpoint.name} answered ${reply.status} to ${request.contentType} ${shown}: ${reply.text}`,
      );
    }
    if (reply.status >= 400) {
      figures.rejected += 1;
      expect({ statusCode: reply.body?.statusCode, message: typeof reply.body?.message }).toEqual({
        statusCode: reply.status,
        message: 'string',
      });
      const changed = changedTables(last, now);
      figures.tablesCompared += Object.keys(now).length;
      figures.rowsChecked += Object.values(now).reduce((n, s) => n + s.rows, 0);
      if (changed.length > 0) {
        throw new Error(
          `${endpoint.name} answered ${reply.status} but changed ${changed.join(', ')}: ${shown}`,
        );
      }
    } else {
      figures.accepted += 1;
    }
    last = now;
    return reply;
  }

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: the valid body is accepted',
    async (_, endpoint) => {
      const reply = await check(endpoint, {
        text: JSON.stringify(endpoint.body(w)),
        contentType: 'application/json',
      });
      expect(reply.status).toBeLessThan(300);
    },
  );

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: never a 5xx, nothing written on a 4xx',
    async (_, endpoint) => {
      await fc.assert(
        fc.asyncProperty(mutations(endpoint.body(w)), async (mutation) => {
          await check(endpoint, apply(endpoint.body(w), mutation));
        }),
        fcParameters({ numRuns: RUNS }),
      );
    },
    60_000 * runsFactor(),
  );

  it.each(READS.map((r) => [r.name, r] as const))(
    '%s: hostile query strings never answer 5xx',
    async (_, read) => {
      const value = fc.oneof(
        fc.constantFrom(
          '1e308',
          '-1',
          '9223372036854775808',
          '2147483648',
          'NaN',
          '',
          '\u0000',
          '%00',
          '\ud800',
          '😀',
          'x'.repeat(5000),
          '2030-13',
          '00000000-0000-0000-0000-000000000000',
          '[]',
          '{}',
          '__proto__',
        ),
        fc.string({ unit: 'binary', maxLength: 30 }),
      );
      const query = fc.array(
        fc.tuple(fc.constantFrom(...read.params, '__proto__', 'constructor', 'unknown'), value),
        {
          minLength: 1,
          maxLength: 4,
        },
      );
      await fc.assert(
        fc.asyncProperty(query, async (pairs) => {
          const text = pairs.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`);
          // Raw: the fuzzed query string goes on the URL as it is.
          const reply = await api.as(admin).request('GET', `${API_PREFIX}${read.path(w)}?${text.join('&')}`);
          figures.requests += 1;
          figures.reads += 1;
          statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
          if (reply.status >= 500)
            throw new Error(`${read.name}?${text.join('&')} answered ${reply.status}: ${reply.text}`);
        }),
        fcParameters({ numRuns: RUNS }),
      );
    },
  );

  it('reports its figures', () => {
    if (failures.length) console.info(failures.join('\n'));
    console.info(
      `fuzz: ${ENDPOINTS.length} write endpoints and ${READS.length} reads × ${RUNS * runsFactor()} runs; ${figures.requests} requests ` +
        `(${figures.reads} reads with hostile query strings) ` +
        `(${figures.rejected} rejected, ${figures.accepted} accepted), statuses ${JSON.stringify(statuses)}; ` +
        `${figures.tablesCompared} table digests compared over ${figures.rowsChecked} rows`,
    );
    expect(figures.requests).toBeGreaterThanOrEqual(
      ENDPOINTS.length * (RUNS * runsFactor() + 1) + READS.length * RUNS * runsFactor(),
    );
  });
});
