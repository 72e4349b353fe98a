import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../../src/database/data-source';
import { DEMO_PASSWORD, seedDemoIfWanted } from '../../src/database/seed/seed-demo';
import { recreateDatabase } from '../../src/infra/probe';
import { Api } from '../support/api';
import { login, startTestApp, testConfig, type TestApp } from '../support/test-app';

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
  // The API application on the seed's own database: the demo's months are played by its stages.
  let t: TestApp;
  let api: Api;

  beforeAll(async () => {
    databaseUrl = await recreateDatabase(serverUrl, ownDatabase);
    await runMigrations(databaseUrl);
    t = await startTestApp({ databaseUrl, role: 'api', queuePrefix: `${testConfig().queuePrefix}-seed` });
    api = new Api(t.app);
    dataSource = t.dataSource;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${ownDatabase}" WITH (FORCE)`);
    await client.end();
  });

  it('does nothing when not wanted, or unset on a database that is not embedded', async () => {
    expect(await seedDemoIfWanted(t.app, { embedded: true, wanted: false })).toBeNull();
    expect(await seedDemoIfWanted(t.app, { embedded: false })).toBeNull();
    expect(await seedDemoIfWanted(t.app, { embedded: false, wanted: false })).toBeNull();
    expect((await counts(dataSource)).territories).toBe(0);
    expect((await counts(dataSource)).users).toBe(0);
  });

  it('seeds an empty embedded database once, even when two processes start at the same time', async () => {
    const results = await Promise.all([
      seedDemoIfWanted(t.app, { embedded: true }),
      seedDemoIfWanted(t.app, { embedded: true }),
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

  it('plays the season: the first month settled, the second confirming, the others open', async () => {
    const cycles = await dataSource.query(
      `SELECT status, locks_at > now() AS "locksAhead", confirm_by > now() AS "confirmAhead" FROM cycles ORDER BY month`,
    );
    expect(cycles.map((c: { status: string }) => c.status)).toEqual([
      'settled',
      'confirming',
      'open',
      'open',
      'open',
      'open',
    ]);
    // the clock leaves them so: nothing is due but the open months' locks, all ahead
    expect(cycles[0]).toMatchObject({ locksAhead: false, confirmAhead: false });
    expect(cycles[1]).toMatchObject({ locksAhead: false, confirmAhead: true });
    expect(cycles.slice(2).every((c: { locksAhead: boolean }) => c.locksAhead)).toBe(true);
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
    expect(await seedDemoIfWanted(t.app, { embedded: true })).toBeNull();
    expect(await seedDemoIfWanted(t.app, { embedded: false, wanted: true })).toBeNull();
    expect(await counts(dataSource)).toEqual(before);
  });

  describe('through the API', () => {
    let admin: string;
    let seasonId: string;
    let cycles: { id: string; month: string; status: string }[];
    beforeAll(async () => {
      admin = await login(api, 'admin@proxima.demo', DEMO_PASSWORD);
      const seasons = (await api.as(admin).get('/seasons')).body;
      seasonId = (Array.isArray(seasons) ? seasons : seasons.items)[0].id;
      const listed = (await api.as(admin).get('/seasons/{id}/cycles', { params: { id: seasonId } })).body;
      cycles = [...listed].sort((a, b) => a.month.localeCompare(b.month));
    });
    const first = () => cycles[0].id;
    const second = () => cycles[1].id;

    it('lets the demo admin log in and see the demo territories', async () => {
      const territories = await api.as(admin).get('/territories');
      expect(territories.status).toBe(200);
      expect(territories.body.items.map((territory: { name: string }) => territory.name).sort()).toEqual([
        'Aït Ourir',
        'Jette',
      ]);
    });

    it('settled the first month by its stages: a shortfall, a shipment and manifest, one item missing, statements', async () => {
      const allocations = (
        await api
          .as(admin)
          .get('/cycles/{id}/allocations', { params: { id: first() }, query: { limit: 500 } })
      ).body.items;
      const short = allocations.filter(
        (a: { pledged: number; allocated: number }) => a.allocated < a.pledged,
      );
      expect(short.length).toBeGreaterThan(0);
      expect(allocations.some((a: { allocated: number }) => a.allocated > 0)).toBe(true);

      const shipments = (await api.as(admin).get('/cycles/{id}/shipments', { params: { id: first() } })).body;
      const shipmentList = Array.isArray(shipments) ? shipments : shipments.items;
      expect(shipmentList.length).toBeGreaterThan(0);
      const manifest = await api
        .as(admin)
        .get('/shipments/{id}/manifest', { params: { id: shipmentList[0].id } });
      expect(manifest.status).toBe(200);
      expect(manifest.body.number).toMatch(/^MAN-\d{6}-\d{4}$/);

      const missing: { n: number }[] = await dataSource.query(
        `SELECT count(*)::int AS n FROM receipt_lines rl
           JOIN group_allocations ga USING (cycle_id, consumer_group_id, offer_id)
          WHERE rl.cycle_id = $1 AND rl.received < ga.allocated`,
        [first()],
      );
      expect(missing[0].n).toBe(1);

      const statements = (await api.as(admin).get('/cycles/{id}/statements', { params: { id: first() } }))
        .body;
      expect(statements.members).toHaveLength(10);
      expect(statements.cooperatives).toHaveLength(2);
      expect(statements.totals.goodsMinor).toBeGreaterThan(0);
    });

    it('leaves the second month confirming, Zitoun Ourika still to confirm', async () => {
      const cooperatives = (await api.as(admin).get('/cooperatives', { query: { limit: 50 } })).body.items;
      const id = (name: RegExp) => cooperatives.find((c: { name: string }) => name.test(c.name))!.id;
      const confirmation = async (cooperativeId: string) =>
        (
          await api
            .as(admin)
            .get('/cycles/{id}/confirmations/{cooperativeId}', { params: { id: second(), cooperativeId } })
        ).body;
      expect(await confirmation(id(/Tighanimine/))).toMatchObject({ cycleStatus: 'confirming' });
      expect((await confirmation(id(/Tighanimine/))).confirmedAt).not.toBeNull();
      expect((await confirmation(id(/Zitoun/))).confirmedAt).toBeNull();
    });

    it('has two members invited and not yet accepted', async () => {
      const invitations = (await api.as(admin).get('/invitations')).body;
      const items = Array.isArray(invitations) ? invitations : invitations.items;
      expect(items.filter((i: { status: string }) => i.status === 'pending')).toHaveLength(2);
      const gasap = await login(api, 'coordinator.gasap@proxima.demo', DEMO_PASSWORD);
      const own = (await api.as(gasap).get('/invitations')).body;
      expect((Array.isArray(own) ? own : own.items).map((i: { email: string }) => i.email)).toEqual([
        'karim.elamrani@proxima.demo',
      ]);
    });

    it.each([
      ['admin@proxima.demo', 'admin', 'run_stage'],
      ['coordinator.gasap@proxima.demo', 'coordinator', 'review_pledges'],
      ['coordinator.amap@proxima.demo', 'coordinator', 'review_pledges'],
      ['lucie.peeters@proxima.demo', 'member', 'pledge'],
      ['tighanimine@proxima.demo', 'cooperative', 'plan_deliveries'],
      ['zitoun.ourika@proxima.demo', 'cooperative', 'confirm'],
      ['transport@proxima.demo', 'transporter', 'prepare_transport'],
    ])('lets %s log in as %s and find its next step (%s) on GET /me', async (email, role, action) => {
      const reply = await api.post('/auth/login', { body: { email, password: DEMO_PASSWORD } });
      expect(reply.status).toBe(200);
      expect(reply.body.user).toMatchObject({ email, role });
      const me = (await api.as(reply.body.accessToken).get('/me')).body;
      expect(me.seasons).toHaveLength(1);
      expect(me.seasons[0].next).toMatchObject({ action });
      const wrong = await api.post('/auth/login', { body: { email, password: 'not-the-demo-password' } });
      expect(wrong.status).toBe(401);
    });
  });
});
