import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeTable, type RouteRow } from '../support/api-routes';
import { Api } from '../support/api';
import { startTestApp, type TestApp } from '../support/test-app';

const START = '<!-- api-table:start -->';
const END = '<!-- api-table:end -->';

/** The rows of the README's API table: `| \`GET /path\` | who |`. */
function readmeTable(): RouteRow[] {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END));
  return [...table.matchAll(/^\| `([A-Z]+ [^`]+)` \| ([^|]+?) \|/gm)].map((m) => ({
    route: m[1],
    who: m[2],
  }));
}

const asTable = (rows: RouteRow[]) => rows.map((r) => `| \`${r.route}\` | ${r.who} |`).join('\n');

/**
 * README.md's API table says every route and who may call it: the same routes as the OpenAPI
 * document, and the roles of each route's @Roles (or @Public). A failure prints the table the
 * code has, to paste between the markers.
 */
describe('README API table', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('lists exactly the routes of the OpenAPI document, with who may call each', async () => {
    const doc = (await new Api(t.app).request('GET', '/docs-json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
      )
      .sort();
    const code = routeTable(t.app).filter((row) => documented.includes(row.route));
    expect(code.map((row) => row.route)).toEqual(documented);
    const readme = readmeTable();
    const expected = asTable(code);
    expect(asTable([...readme].sort((a, b) => a.route.localeCompare(b.route)))).toEqual(expected);
  });
});
