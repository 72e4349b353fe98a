import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/database/data-source';
import { DEMO_PASSWORD, seedDemoIfWanted } from '../../src/database/seed/seed-demo';
import { recreateDatabase } from '../../src/infra/probe';
import { Http, login, startTestApp, type TestApp } from '../support/test-app';

// The demo seed wants a database without territories, and the test database is shared with
// other test files: it runs in a database of its own on the same server, dropped at the end.
const serverUrl = process.env.DATABASE_URL!;
const ownDatabase = `${new URL(serverUrl).pathname.slice(1)}_seed`;

const TABLES = [
  'territories',
  'partnerships',
  'charter_versions',
  'consumer_groups',
  'members',
  'cooperatives',
  'certificates',
  'pickup_points',
  'transport_organisers',
  'vehicles',
  'products',
  'users',
  'seasons',
  'season_groups',
  'cycles',
  'offers',
  'member_pledges',
  'delivery_pledges',
];

async function counts(dataSource: DataSource): Promise<Record<string, number>> {
  const select = TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ');
  const [row] = await dataSource.query(`SELECT ${select}`);
  return row;
}

describe('demo seed', () => {
  let databaseUrl: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    databaseUrl = await recreateDatabase(serverUrl, ownDatabase);
    await runMigrations(databaseUrl);
    dataSource = new DataSource(dataSourceOptions(databaseUrl, 4));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${ownDatabase}" WITH (FORCE)`);
    await client.end();
  });

  it('does nothing when not wanted, or unset on a database that is not embedded', async () => {
    expect(await seedDemoIfWanted(dataSource, { embedded: true, wanted: false })).toBeNull();
    expect(await seedDemoIfWanted(dataSource, { embedded: false })).toBeNull();
    expect(await seedDemoIfWanted(dataSource, { embedded: false, wanted: false })).toBeNull();
    expect((await counts(dataSource)).territories).toBe(0);
    expect((await counts(dataSource)).users).toBe(0);
  });

  it('seeds an empty embedded database once, even when two processes start at the same time', async () => {
    const results = await Promise.all([
      seedDemoIfWanted(dataSource, { embedded: true }),
      seedDemoIfWanted(dataSource, { embedded: true }),
    ]);
    const printed = results.filter((result) => result !== null);
    expect(printed).toHaveLength(1);
    const logins = printed[0]!;
    for (const email of [
      'admin@proxima.demo',
      'coordinator.gasap@proxima.demo',
      'coordinator.amap@proxima.demo',
      'lucie.peeters@proxima.demo',
      'tighanimine@proxima.demo',
      'zitoun.ourika@proxima.demo',
      'transport@proxima.demo',
    ]) {
      expect(logins).toMatch(new RegExp(`${email.replace(/\./g, '\\.')}\\s+${DEMO_PASSWORD}\\s+\\w+`));
    }
    expect(await counts(dataSource)).toEqual({
      territories: 2,
      partnerships: 1,
      charter_versions: 1,
      consumer_groups: 2,
      members: 10,
      cooperatives: 2,
      certificates: 2,
      pickup_points: 1,
      transport_organisers: 1,
      vehicles: 2,
      products: 4,
      users: 7,
      seasons: 1,
      season_groups: 2,
      cycles: 6,
      offers: 4,
      member_pledges: 10 * 4 * 6,
      delivery_pledges: 4 * 6,
    });
  });

  it('seeds a season whose every month is still open to pledges', async () => {
    const cycles = await dataSource.query(
      `SELECT status, locks_at > now() AS future FROM cycles ORDER BY month`,
    );
    expect(cycles).toHaveLength(6);
    expect(cycles.every((c: { status: string; future: boolean }) => c.status === 'open' && c.future)).toBe(
      true,
    );
    const [{ offered }] = await dataSource.query(
      `SELECT count(*)::int AS offered FROM offers o JOIN cooperatives c ON c.id = o.cooperative_id
        JOIN seasons s ON s.id = o.season_id WHERE c.territory_id = s.producer_territory_id`,
    );
    expect(offered).toBe(4);
  });

  it('writes a coherent partnership', async () => {
    const territories = await dataSource.query(
      'SELECT name, country_code, timezone, currency FROM territories ORDER BY country_code',
    );
    expect(territories).toEqual([
      { name: 'Jette', country_code: 'BE', timezone: 'Europe/Brussels', currency: 'EUR' },
      { name: 'Aït Ourir', country_code: 'MA', timezone: 'Africa/Casablanca', currency: 'MAD' },
    ]);
    const [charter] = await dataSource.query(
      `SELECT c.version, c.rules, p.name FROM charter_versions c JOIN partnerships p ON p.id = c.partnership_id`,
    );
    expect(charter).toMatchObject({
      version: 1,
      name: 'Jette ↔ Aït Ourir',
      rules: {
        organicRequired: true,
        minLocalSalesShare: 0.3,
        maxExportShare: 0.5,
        maxMonthlyVariation: 0.3,
        forbiddenTransportModes: ['air'],
        maxEmissionsGramsPerKg: 500,
      },
    });
    const [floor] = charter.rules.priceFloors;
    const [product] = await dataSource.query('SELECT hs_code FROM products WHERE id = $1', [floor.productId]);
    expect(product.hs_code).toBe('091020');
    // Groups in Jette, cooperatives and pickup point in Morocco.
    const misplaced = await dataSource.query(
      `SELECT 'group' FROM consumer_groups g JOIN territories t ON t.id = g.territory_id WHERE t.country_code <> 'BE'
       UNION ALL SELECT 'cooperative' FROM cooperatives c JOIN territories t ON t.id = c.territory_id WHERE t.country_code <> 'MA'
       UNION ALL SELECT 'pickup' FROM pickup_points p JOIN territories t ON t.id = p.territory_id WHERE t.country_code <> 'MA'`,
    );
    expect(misplaced).toEqual([]);
    const perGroup = await dataSource.query(
      'SELECT count(*)::int AS n FROM members GROUP BY consumer_group_id',
    );
    expect(perGroup).toEqual([{ n: 5 }, { n: 5 }]);
    const certificates = await dataSource.query(
      `SELECT kind, valid_from <= current_date AS started, valid_to - current_date AS days_left FROM certificates ORDER BY valid_to`,
    );
    expect(certificates).toHaveLength(2);
    expect(certificates.every((c: { started: boolean }) => c.started)).toBe(true);
    expect(certificates[0].days_left).toBeGreaterThan(0);
    expect(certificates[0].days_left).toBeLessThanOrEqual(60); // the one that expires soon
    expect(certificates[1].days_left).toBeGreaterThan(365);
    expect(certificates.map((c: { kind: string }) => c.kind).sort()).toEqual(['organic', 'pgs']);
    const vehicles = await dataSource.query('SELECT mode FROM vehicles ORDER BY mode');
    expect(vehicles).toEqual([{ mode: 'road' }, { mode: 'sea' }]);
    const [organiser] = await dataSource.query('SELECT side, locale FROM transport_organisers');
    expect(organiser).toEqual({ side: 'third_party', locale: 'fr' });
    const [member] = await dataSource.query(
      `SELECT m.email FROM users u JOIN members m ON m.id = u.member_id AND m.consumer_group_id = u.consumer_group_id
       WHERE u.role = 'member'`,
    );
    expect(member.email).toBe('lucie.peeters@proxima.demo');
  });

  it('does nothing the second time, wanted or not', async () => {
    const before = await counts(dataSource);
    expect(await seedDemoIfWanted(dataSource, { embedded: true })).toBeNull();
    expect(await seedDemoIfWanted(dataSource, { embedded: false, wanted: true })).toBeNull();
    expect(await counts(dataSource)).toEqual(before);
  });

  describe('through the API', () => {
    let t: TestApp;
    let http: Http;
    beforeAll(async () => {
      t = await startTestApp({ databaseUrl });
      http = new Http(t.app);
    });
    afterAll(() => t?.close());

    it('lets the demo admin log in and see the demo territories', async () => {
      const admin = await login(http, 'admin@proxima.demo', DEMO_PASSWORD);
      const territories = await http.as(admin).get('/api/v1/territories');
      expect(territories.status).toBe(200);
      expect(territories.body.items.map((territory: { name: string }) => territory.name).sort()).toEqual([
        'Aït Ourir',
        'Jette',
      ]);
    });

    it.each([
      ['coordinator.gasap@proxima.demo', 'coordinator'],
      ['lucie.peeters@proxima.demo', 'member'],
      ['zitoun.ourika@proxima.demo', 'cooperative'],
      ['transport@proxima.demo', 'transporter'],
    ])('lets %s log in as %s', async (email, role) => {
      const reply = await http.post('/api/v1/auth/login', { email, password: DEMO_PASSWORD });
      expect(reply.status).toBe(200);
      expect(reply.body.user).toMatchObject({ email, role });
      const wrong = await http.post('/api/v1/auth/login', { email, password: 'not-the-demo-password' });
      expect(wrong.status).toBe(401);
    });
  });
});
