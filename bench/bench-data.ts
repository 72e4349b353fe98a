import type { Client } from 'pg';

export interface BenchShape {
  /** member pledge lines in the benchmarked month (members × offers) */
  lines: number;
  groups: number;
  offers: number;
  cooperatives: number;
  /** capacity of each road vehicle of the season's transport organiser */
  vehicleKg: number;
}

export interface BenchData {
  seasonId: string;
  cycleId: string;
  offerIds: string[];
  groupIds: string[];
  members: number;
  lines: number;
  demand: number;
}

async function one<T = string>(client: Client, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await client.query(sql, params);
  const [first] = rows;
  return (first.id ?? Object.values(first)[0]) as T;
}

/**
 * Generates one partnership with a season of one open month, set-based (generate_series),
 * so that a million pledge lines take seconds: `groups` consumer groups sharing
 * lines / offers members, `offers` offers of `cooperatives` certified cooperatives, every
 * member pledging 1–4 units on every offer, and delivery pledges at 90 % of the demand, so
 * that the allocation shares a shortfall on every offer (the largest-remainder path).
 * Nobody confirms: every cooperative is held to its delivery pledge.
 */
export async function generateBenchData(
  client: Client,
  shape: BenchShape,
  progress: (line: string) => void,
): Promise<BenchData> {
  const members = Math.ceil(shape.lines / shape.offers);
  const consumers = await one(
    client,
    `INSERT INTO territories (name, country_code, timezone, currency)
     VALUES ('Jette', 'BE', 'Europe/Brussels', 'EUR') RETURNING id`,
  );
  const producers = await one(
    client,
    `INSERT INTO territories (name, country_code, timezone, currency)
     VALUES ('Aït Ourir', 'MA', 'Africa/Casablanca', 'MAD') RETURNING id`,
  );
  const partnershipId = await one(
    client,
    `INSERT INTO partnerships (name, territory_a_id, territory_b_id) VALUES ('Bench partnership', $1, $2) RETURNING id`,
    [producers, consumers],
  );
  await client.query(
    `INSERT INTO charter_versions (partnership_id, version, rules) VALUES ($1, 1, $2::jsonb)`,
    [
      partnershipId,
      JSON.stringify({
        organicRequired: true,
        minLocalSalesShare: 0.3,
        maxExportShare: 0.95,
        maxMonthlyVariation: 0.5,
      }),
    ],
  );
  await client.query(
    `INSERT INTO consumer_groups (territory_id, name, kind, drop_point_name, drop_point_address,
                                  drop_point_latitude, drop_point_longitude, contact_email)
     SELECT $1, 'Group ' || g, 'GASAP', 'Hall ' || g, 'Rue ' || g || ', Bruxelles',
            50.80 + (g % 20) * 0.01, 4.30 + (g / 20) * 0.01, 'group-' || g || '@bench.example'
       FROM generate_series(1, $2) g`,
    [consumers, shape.groups],
  );
  const groupIds: string[] = (
    await client.query(`SELECT id FROM consumer_groups WHERE territory_id = $1 ORDER BY name`, [consumers])
  ).rows.map((r) => r.id);
  progress(`${shape.groups} groups; inserting ${members} members`);
  await client.query(
    `INSERT INTO members (consumer_group_id, name, email)
     SELECT ($1::uuid[])[1 + i % $2], 'Member ' || i, 'member-' || i || '@bench.example'
       FROM generate_series(0, $3 - 1) i`,
    [groupIds, shape.groups, members],
  );
  await client.query(
    `INSERT INTO cooperatives (territory_id, name, contact_email, local_sales_share)
     SELECT $1, 'Cooperative ' || c, 'coop-' || c || '@bench.example', 0.6 FROM generate_series(1, $2) c`,
    [producers, shape.cooperatives],
  );
  await client.query(
    `INSERT INTO certificates (cooperative_id, kind, body, number, valid_from, valid_to)
     SELECT id, 'organic', 'Ecocert', 'MA-BIO-' || name, '2020-01-01', '2040-12-31'
       FROM cooperatives WHERE territory_id = $1`,
    [producers],
  );
  await client.query(
    `INSERT INTO products (name, hs_code, unit, unit_net_kg, unit_gross_kg, category)
     SELECT 'Product ' || p, '080510', '1 kg bag', 1, 1.05, 'fruit' FROM generate_series(1, $1) p`,
    [shape.offers],
  );
  const pickupPointId = await one(
    client,
    `INSERT INTO pickup_points (territory_id, name, address, latitude, longitude)
     VALUES ($1, 'Pickup', 'Route de Taroudant', 31.5, -7.7) RETURNING id`,
    [producers],
  );
  const organiserId = await one(
    client,
    `INSERT INTO transport_organisers (name, side, contact_email) VALUES ('Carrier', 'third_party', 'carrier@bench.example')
     RETURNING id`,
  );
  const seasonId = await one(
    client,
    `INSERT INTO seasons (partnership_id, name, producer_territory_id, consumer_territory_id, first_month, last_month,
                          currency, exchange_rate, pickup_point_id)
     VALUES ($1, 'Bench season', $2, $3, '2031-03', '2031-03', 'EUR', 10.85, $4) RETURNING id`,
    [partnershipId, producers, consumers, pickupPointId],
  );
  await client.query(`INSERT INTO season_transport_organisers VALUES ($1, $2)`, [seasonId, organiserId]);
  await client.query(
    `INSERT INTO season_groups (season_id, consumer_group_id) SELECT $1, unnest($2::uuid[])`,
    [seasonId, groupIds],
  );
  // Open, and locking in the future: only the bench moves it on.
  const cycleId = await one(
    client,
    `INSERT INTO cycles (season_id, month, locks_at, confirm_by, loading_date)
     VALUES ($1, '2031-03', now() + interval '1 day', now() + interval '6 days', '2031-03-01') RETURNING id`,
    [seasonId],
  );
  await client.query(
    `INSERT INTO offers (season_id, cooperative_id, product_id, unit_price_minor, pack_size, monthly_capacity)
     SELECT $1, c.id, p.id, 300 + p.n * 25, 4 + p.n % 6, 100000000
       FROM (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM products) p
       JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM cooperatives WHERE territory_id = $2) c
         ON c.n = p.n % $3`,
    [seasonId, producers, shape.cooperatives],
  );
  const offerIds: string[] = (
    await client.query(`SELECT id FROM offers WHERE season_id = $1 ORDER BY id`, [seasonId])
  ).rows.map((r) => r.id);
  progress(`inserting ${members * shape.offers} member pledge lines`);
  await client.query(
    `INSERT INTO member_pledges (cycle_id, member_id, offer_id, consumer_group_id, quantity)
     SELECT $1, m.id, o.id, m.consumer_group_id, 1 + (hashtext(m.id::text || o.id::text) & 3)
       FROM members m CROSS JOIN offers o
      WHERE m.consumer_group_id = ANY($2::uuid[]) AND o.season_id = $3
      ORDER BY m.id, o.id`,
    [cycleId, groupIds, seasonId],
  );
  await syncLiveCommitments(client, cycleId);
  const demand = Number(
    await one(client, `SELECT sum(quantity) AS total FROM member_pledges WHERE cycle_id = $1`, [cycleId]),
  );
  await client.query(
    `INSERT INTO delivery_pledges (cycle_id, offer_id, cooperative_id, quantity)
     SELECT $1, o.id, o.cooperative_id, floor(0.9 * d.demand)
       FROM offers o JOIN (SELECT offer_id, sum(quantity) AS demand FROM member_pledges WHERE cycle_id = $1 GROUP BY offer_id) d
         ON d.offer_id = o.id`,
    [cycleId],
  );
  const vehicles = Math.ceil((demand * 1.05) / shape.vehicleKg) + 2;
  await client.query(
    `INSERT INTO vehicles (transport_organiser_id, name, mode, capacity_kg, cost_per_km_minor)
     SELECT $1, 'Truck ' || v, 'road', $2, 180 FROM generate_series(1, $3) v`,
    [organiserId, shape.vehicleKg, vehicles],
  );
  progress(`demand ${demand} units; ${vehicles} trucks of ${shape.vehicleKg} kg`);
  return { seasonId, cycleId, offerIds, groupIds, members, lines: members * shape.offers, demand };
}

/** The live commitments (when the schema keeps them) from the pledges written in bulk above. */
async function syncLiveCommitments(client: Client, cycleId: string): Promise<void> {
  const exists = await one<string | null>(client, `SELECT to_regclass('live_commitments') AS t`);
  if (!exists) return;
  await client.query(
    `INSERT INTO live_commitments (cycle_id, consumer_group_id, offer_id, quantity)
     SELECT cycle_id, consumer_group_id, offer_id, sum(quantity) FROM member_pledges WHERE cycle_id = $1
      GROUP BY cycle_id, consumer_group_id, offer_id`,
    [cycleId],
  );
}
