import { SQL_FUNCTIONS } from '../../src/database/functions/sql-functions';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * src/database/functions/ declares each SQL function's current body; the migrated test database
 * must hold exactly those functions with exactly those bodies, so the declaration cannot drift
 * from what the migrations made.
 */
describe('SQL functions: the migrated database holds what src/database/functions declares', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const installed = () =>
    t.dataSource.query(
      `SELECT p.proname AS name, pg_get_function_arguments(p.oid) AS arguments, l.lanname AS language,
              p.prosrc AS body
         FROM pg_proc p
         JOIN pg_namespace n ON n.oid = p.pronamespace
         JOIN pg_language l ON l.oid = p.prolang
        WHERE n.nspname = current_schema()
          -- an extension's functions (uuid-ossp) are the extension's, not the schema's
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        ORDER BY p.proname`,
    );

  it('has no function that is not declared, and every declared one', async () => {
    const names = (await installed()).map((f: { name: string }) => f.name);
    expect(names).toEqual(SQL_FUNCTIONS.map((f) => f.name).sort());
  });

  it.each(SQL_FUNCTIONS.map((f) => [f.name, f]))(
    '%s: same arguments, language and body',
    async (name, declared) => {
      const found = (await installed()).find((f: { name: string }) => f.name === name);
      expect(found).toEqual({
        name: declared.name,
        arguments: declared.arguments,
        language: declared.language,
        body: declared.body,
      });
    },
  );
});
