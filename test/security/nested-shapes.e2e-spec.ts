import { changedTables, snapshot, snapshotQuery, tableNames, type Snapshot } from '../support/db-snapshot';
import { applicationDtos, badShapes, nestedPaths, type Dto, type NestedPath } from '../support/dto-metadata';
import { isolatedDatabase } from '../support/isolated-database';
import { openApiDocument } from '../support/openapi';
import { Api, API_PREFIX } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from './world';
import { endpointKey, routeKey, writeEndpoints, type WriteEndpoint } from './write-endpoints';

/**
 * The shapes a nested property must refuse, tried on every nested property of every write
 * endpoint, none of them listed by hand: the OpenAPI document says which DTO each write
 * operation takes; class-validator's and class-transformer's metadata say which properties of
 * that DTO (and of the DTOs nested in it) are nested, a list or one object; `badShapes` puts
 * `[[]]`, `[[valid]]`, `[null]`, `[1]`, `"x"`, `{}`, … in the place of each, in the endpoint's
 * otherwise valid body. Each must answer 400, every part of the message naming that property,
 * and change no row of any table (count and content digest).
 */

const login = { email: 'nobody@test.example', password: 'correct horse battery' };
const ENDPOINTS = writeEndpoints(login);
const WRITE_METHODS = ['post', 'put', 'patch'];

interface Operation {
  key: string;
  /** the DTO of its JSON body; none for an operation without a body */
  dto?: Dto;
  nested: NestedPath[];
}

function at(body: unknown, path: (string | number)[]): any {
  return path.reduce<any>((node, key) => (node == null ? node : node[key]), body);
}

describe('nested properties of every write endpoint refuse every other shape', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let w: World;
  let sql: string;
  let operations: Map<string, Operation>;
  const figures = { endpoints: 0, properties: 0, requests: 0 };

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_nested');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    w = await buildWorld(t, api, admin);
    sql = snapshotQuery(await tableNames(t.dataSource));

    const dtos = new Map((await applicationDtos()).map((dto) => [dto.name, dto]));
    const document = await openApiDocument(t);
    operations = new Map();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!WRITE_METHODS.includes(method)) continue;
        const key = routeKey(method, path.replace(/^\/api\/v1/, ''));
        const ref: string | undefined = (operation as any).requestBody?.content?.['application/json']?.schema
          ?.$ref;
        if (!ref) {
          operations.set(key, { key, nested: [] });
          continue;
        }
        const name = ref.split('/').pop() as string;
        const dto = dtos.get(name);
        if (!dto) throw new Error(`${method} ${path} takes ${name}, which is no DTO class of src/**/dto`);
        operations.set(key, { key, dto, nested: nestedPaths(dto) });
      }
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('has a valid body for every write endpoint whose DTO has a nested property', () => {
    const known = new Set(ENDPOINTS.map((e) => endpointKey(e)));
    const missing = [...operations.values()]
      .filter((operation) => operation.nested.length > 0 && !known.has(operation.key))
      .map((operation) => operation.key);
    expect(missing).toEqual([]);
    expect([...operations.values()].filter((o) => o.nested.length > 0).length).toBeGreaterThanOrEqual(9);
  });

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', async (_, endpoint: WriteEndpoint) => {
    const operation = operations.get(endpointKey(endpoint));
    if (!operation) throw new Error(`${endpoint.name} is not in the OpenAPI document`);
    if (operation.nested.length === 0) return; // nothing nested in its body
    figures.endpoints += 1;
    for (const property of operation.nested) {
      const field = property.path.join('.');
      const sample = endpoint.body(w);
      const current = at(sample, property.path);
      const valid = property.list ? current?.[0] : current;
      if (valid === undefined || valid === null)
        throw new Error(`the valid body of ${endpoint.name} has no ${field} to start from`);
      figures.properties += 1;
      for (const { shape, value } of badShapes(property, valid)) {
        const body = endpoint.body(w);
        at(body, property.path.slice(0, -1))[property.path[property.path.length - 1]] = value;
        const before: Snapshot = await snapshot(t.dataSource, sql);
        const reply = await api.as(admin).request(endpoint.method, `${API_PREFIX}${endpoint.path(w)}`, body);
        const after = await snapshot(t.dataSource, sql);
        figures.requests += 1;
        const what = `${endpoint.name} with ${field} = ${shape} answered ${reply.status}: ${reply.text}`;
        if (reply.status !== 400) throw new Error(what);
        const parts = String(reply.body.message).split('; ');
        if (!parts.every((part) => part.startsWith(field))) throw new Error(`not only ${field}: ${what}`);
        const changed = changedTables(before, after);
        if (changed.length > 0) throw new Error(`${what}, and it changed ${changed.join(', ')}`);
      }
    }
  });

  it('reports its figures', () => {
    console.info(
      `nested shapes: ${figures.endpoints} write endpoints, ${figures.properties} nested properties, ` +
        `${figures.requests} requests, every one 400 with nothing written`,
    );
    expect(figures.properties).toBeGreaterThanOrEqual(11);
  });
});
