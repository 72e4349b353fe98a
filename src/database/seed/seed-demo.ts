import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../../users/password';
import { playDemoMonths } from './demo-months';
import { insertRows } from './insert-rows';
import type { DemoRegistry } from './demo-registry';
import { seedSeason, type DemoSeason } from './seed-season';

/** The one password of every demo login (documented in the README); demo data only. */
export const DEMO_PASSWORD = 'proxima-demo-2026';

// Any fixed key will do: it only has to be the same for every process that seeds.
export const SEED_LOCK_KEY = 7_246_502;

/** The ids of what seedRegistry created: what a later step (the season) builds on. */
export interface DemoLogin {
  email: string;
  role: 'admin' | 'coordinator' | 'member' | 'cooperative' | 'transporter';
  of: string;
  /** False when a user with that email existed already (its password was left alone). */
  created: boolean;
}

/** Territories, partnership and charter, groups and members, cooperatives, logistics, products. */
export async function seedRegistry(m: EntityManager): Promise<DemoRegistry> {
  const [jette, aitOurir] = await insertRows(
    m,
    'territories',
    ['name', 'country_code', 'timezone', 'currency'],
    [
      ['Jette', 'BE', 'Europe/Brussels', 'EUR'],
      ['Aït Ourir', 'MA', 'Africa/Casablanca', 'MAD'],
    ],
  );
  const [arganOil, dates, oliveOil, saffron] = await insertRows(
    m,
    'products',
    ['name', 'hs_code', 'unit', 'unit_net_kg', 'unit_gross_kg', 'category'],
    [
      ['Huile d’argan alimentaire', '151590', 'bouteille 1 l', 0.915, 1.45, 'oils'],
      ['Dattes Mejhoul', '080410', 'boîte 1 kg', 1, 1.12, 'fruit'],
      ['Huile d’olive extra vierge', '150920', 'bouteille 75 cl', 0.69, 1.2, 'oils'],
      ['Safran en pistils', '091020', 'pot 1 g', 0.001, 0.03, 'spices'],
    ],
  );
  const [partnershipId] = await insertRows(
    m,
    'partnerships',
    ['name', 'territory_a_id', 'territory_b_id'],
    [['Jette ↔ Aït Ourir', jette, aitOurir]],
  );
  const rules = {
    organicRequired: true,
    minLocalSalesShare: 0.3,
    maxExportShare: 0.5,
    maxMonthlyVariation: 0.3,
    excludedProductIds: [],
    // A fair price for saffron, the product most exposed to price pressure: €7.50 a gram.
    priceFloors: [{ productId: saffron, minUnitPriceMinor: 750 }],
    forbiddenTransportModes: ['air'],
    maxEmissionsGramsPerKg: 500,
  };
  const [charterVersionId] = await insertRows(
    m,
    'charter_versions',
    ['partnership_id', 'version', 'rules'],
    [[partnershipId, 1, JSON.stringify(rules)]],
  );
  const [gasap, amap] = await insertRows(
    m,
    'consumer_groups',
    [
      'territory_id',
      'name',
      'kind',
      'drop_point_name',
      'drop_point_address',
      'drop_point_latitude',
      'drop_point_longitude',
      'contact_email',
    ],
    [
      [
        jette,
        'GASAP Jette Centre',
        'GASAP',
        'Centre culturel de Jette',
        'Boulevard de Smet de Naeyer 145, 1090 Jette',
        50.8797,
        4.3262,
        'gasap.jette@proxima.demo',
      ],
      [
        jette,
        'AMAP du Miroir',
        'AMAP',
        'Salle paroissiale Saint-Pierre',
        'Place Reine Astrid 4, 1090 Jette',
        50.8771,
        4.3246,
        'amap.miroir@proxima.demo',
      ],
    ],
  );
  const gasapMembers = await insertRows(
    m,
    'members',
    ['consumer_group_id', 'name', 'email'],
    [
      [gasap, 'Lucie Peeters', 'lucie.peeters@proxima.demo'],
      [gasap, 'Karim El Amrani', 'karim.elamrani@proxima.demo'],
      [gasap, 'Sofie Janssens', 'sofie.janssens@proxima.demo'],
      [gasap, 'Marc Dubois', 'marc.dubois@proxima.demo'],
      [gasap, 'Nadia Benali', 'nadia.benali@proxima.demo'],
    ],
  );
  const amapMembers = await insertRows(
    m,
    'members',
    ['consumer_group_id', 'name', 'email'],
    [
      [amap, 'Élise Claes', 'elise.claes@proxima.demo'],
      [amap, 'Thomas Wouters', 'thomas.wouters@proxima.demo'],
      [amap, 'Fatima Ouali', 'fatima.ouali@proxima.demo'],
      [amap, 'Pieter Vermeulen', 'pieter.vermeulen@proxima.demo'],
      [amap, 'Anne Lambert', 'anne.lambert@proxima.demo'],
    ],
  );
  const [tighanimine, ourika] = await insertRows(
    m,
    'cooperatives',
    ['territory_id', 'name', 'contact_email', 'local_sales_share'],
    [
      [aitOurir, 'Coopérative féminine Tighanimine (argan)', 'tighanimine@proxima.demo', 0.45],
      [aitOurir, 'Coopérative agricole Zitoun Ourika', 'zitoun.ourika@proxima.demo', 0.6],
    ],
  );
  // Dates relative to today, so that one certificate always "expires soon" in the demo.
  await m.query(
    `INSERT INTO certificates (cooperative_id, kind, body, number, valid_from, valid_to) VALUES
       ($1, 'organic', 'Ecocert Maroc', 'MA-BIO-154-0412', current_date - 200, current_date + 530),
       ($2, 'pgs', 'RIAM – SPG Maroc', 'SPG-MA-HAOUZ-0087', current_date - 320, current_date + 40)`,
    [tighanimine, ourika],
  );
  const [pickupPointId] = await insertRows(
    m,
    'pickup_points',
    ['territory_id', 'name', 'address', 'latitude', 'longitude'],
    [
      [
        aitOurir,
        'Plateforme de collecte d’Aït Ourir',
        'Route nationale 9, km 35, Aït Ourir',
        31.5636,
        -7.6647,
      ],
    ],
  );
  const [transportOrganiserId] = await insertRows(
    m,
    'transport_organisers',
    ['name', 'side', 'contact_email', 'locale'],
    [['Atlas Solidarité Logistique', 'third_party', 'dispatch@atlas-logistique.proxima.demo', 'fr']],
  );
  const [truck, container] = await insertRows(
    m,
    'vehicles',
    ['transport_organiser_id', 'name', 'mode', 'capacity_kg', 'cost_per_km_minor'],
    [
      [transportOrganiserId, 'Camion 19 t bâché', 'road', 12000, 185],
      [transportOrganiserId, 'Conteneur 20 pieds Tanger Med → Anvers', 'sea', 21000, 60],
    ],
  );
  return {
    territories: { jette, aitOurir },
    partnershipId,
    charterVersionId,
    consumerGroups: { gasap, amap },
    members: { gasap: gasapMembers, amap: amapMembers },
    cooperatives: { tighanimine, ourika },
    pickupPointId,
    transportOrganiserId,
    vehicles: { truck, container },
    products: { arganOil, dates, oliveOil, saffron },
  };
}

/** One login per role, all with DEMO_PASSWORD; an email already taken is left as it is. */
async function seedUsers(m: EntityManager, ids: DemoRegistry, passwordHash: string): Promise<DemoLogin[]> {
  const users: (Omit<DemoLogin, 'created'> & { links: (string | null)[] })[] = [
    { email: 'admin@proxima.demo', role: 'admin', of: 'all of Proxima', links: [null, null, null, null] },
    {
      email: 'coordinator.gasap@proxima.demo',
      role: 'coordinator',
      of: 'GASAP Jette Centre',
      links: [ids.consumerGroups.gasap, null, null, null],
    },
    {
      email: 'coordinator.amap@proxima.demo',
      role: 'coordinator',
      of: 'AMAP du Miroir',
      links: [ids.consumerGroups.amap, null, null, null],
    },
    {
      email: 'lucie.peeters@proxima.demo',
      role: 'member',
      of: 'Lucie Peeters, GASAP Jette Centre',
      links: [ids.consumerGroups.gasap, ids.members.gasap[0], null, null],
    },
    {
      email: 'tighanimine@proxima.demo',
      role: 'cooperative',
      of: 'Coopérative féminine Tighanimine',
      links: [null, null, ids.cooperatives.tighanimine, null],
    },
    {
      email: 'zitoun.ourika@proxima.demo',
      role: 'cooperative',
      of: 'Coopérative agricole Zitoun Ourika',
      links: [null, null, ids.cooperatives.ourika, null],
    },
    {
      email: 'transport@proxima.demo',
      role: 'transporter',
      of: 'Atlas Solidarité Logistique',
      links: [null, null, null, ids.transportOrganiserId],
    },
  ];
  const column = (i: number) => users.map((user) => user.links[i]);
  const inserted: { email: string }[] = await m.query(
    `INSERT INTO users (email, password_hash, role, consumer_group_id, member_id, cooperative_id, transport_organiser_id)
     SELECT email, $2, role, group_id, member_id, cooperative_id, organiser_id
     FROM unnest($1::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[])
       AS u(email, role, group_id, member_id, cooperative_id, organiser_id)
     ON CONFLICT DO NOTHING
     RETURNING email`,
    [
      users.map((user) => user.email),
      passwordHash,
      users.map((user) => user.role),
      column(0),
      column(1),
      column(2),
      column(3),
    ],
  );
  const created = new Set(inserted.map((row) => row.email));
  return users.map(({ email, role, of }) => ({ email, role, of, created: created.has(email) }));
}

/** The text printed at start-up: who can log in, as what. */
export function formatLogins(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((login) => login.email.length));
  const lines = logins.map((login) => {
    const note = login.created ? '' : '  (existed already: password unchanged)';
    return `  ${login.email.padEnd(width)}  ${DEMO_PASSWORD}  ${login.role.padEnd(11)}  ${login.of}${note}`;
  });
  return [
    'Demo partnership "Jette ↔ Aït Ourir" seeded. Demo logins (email / password / role):',
    ...lines,
    'Try them at /docs (POST /api/v1/auth/login, then "Authorize" with the accessToken).',
    '',
  ].join('\n');
}

/**
 * Seeds the demo partnership, only into a database without territories: the registry, the
 * season, the logins and the plan of what is left to play (table demo_seed) in one
 * transaction (the advisory lock makes two processes starting at once seed one after the
 * other; the second then finds territories and does nothing), then its first months played by
 * the real stages (demo-months.ts). `app` is the API's application (its stages and services).
 * Returns the logins, or null if not seeded.
 */
export async function seedDemo(app: INestApplicationContext): Promise<string | null> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await app.get(DataSource).transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const [{ seeded }] = await m.query('SELECT EXISTS (SELECT 1 FROM territories) AS seeded');
    if (seeded) return null;
    const ids = await seedRegistry(m);
    const season = await seedSeason(m, ids);
    await m.query(`INSERT INTO demo_seed (plan) VALUES ($1)`, [JSON.stringify({ ids, season })]);
    return { logins: await seedUsers(m, ids, passwordHash) };
  });
  if (!seeded) return null;
  await playPendingDemo(app);
  return formatLogins(seeded.logins);
}

/**
 * Plays the demo's months if a start seeded them and stopped before they were played (each
 * step is skipped when done), under a lock so that one process plays them. True if it played.
 */
export async function playPendingDemo(app: INestApplicationContext): Promise<boolean> {
  const runner = app.get(DataSource).createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    const [pending] = await runner.query(`SELECT plan FROM demo_seed WHERE played_at IS NULL`);
    if (!pending) return false;
    const { ids, season } = pending.plan as { ids: DemoRegistry; season: DemoSeason };
    await playDemoMonths(app, ids, {
      ...season,
      firstMonthDates: {
        locksAt: new Date(season.firstMonthDates.locksAt),
        confirmBy: new Date(season.firstMonthDates.confirmBy),
      },
    });
    await runner.query(`UPDATE demo_seed SET played_at = now()`);
    return true;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Start-up's decision: SEED_DEMO=true seeds (into a database without territories), false never
 * does; unset, an embedded database that holds no territories yet gets the demo.
 */
export async function seedDemoIfWanted(
  app: INestApplicationContext,
  when: { embedded: boolean; wanted?: boolean },
): Promise<string | null> {
  if (when.wanted === false) return null;
  if (when.wanted === undefined && !when.embedded) return null;
  const [{ seeded }] = await app.get(DataSource).query('SELECT EXISTS (SELECT 1 FROM territories) AS seeded');
  if (seeded) {
    // A start stopped while playing the months: play the rest (spares an argon2 hash otherwise).
    return (await playPendingDemo(app)) ? 'The demo months a stopped start had left are played.\n' : null;
  }
  return seedDemo(app);
}
