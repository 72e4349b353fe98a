import type { DataSource } from 'typeorm';
import { unique } from './test-app';

/**
 * The row factory: one row of the registry straight into its table, with valid values that no
 * other row shares (names, emails), for tests whose subject is something else. A test that
 * needs a value of its own passes it; tests of the registry endpoints create theirs through the
 * API instead.
 */

/** Runs an INSERT … RETURNING id and answers the id. */
export async function one(ds: DataSource, sql: string, params: unknown[]): Promise<string> {
  const rows = await ds.query(sql, params);
  return rows[0].id;
}

export async function territory(
  ds: DataSource,
  countryCode: string,
  timezone: string,
  currency: string,
): Promise<string> {
  return one(
    ds,
    `INSERT INTO territories (name, country_code, timezone, currency) VALUES ($1, $2, $3, $4) RETURNING id`,
    [unique(countryCode), countryCode, timezone, currency],
  );
}

export async function consumerGroup(ds: DataSource, territoryId: string): Promise<string> {
  return one(
    ds,
    `INSERT INTO consumer_groups (territory_id, name, kind, drop_point_name, drop_point_address, drop_point_latitude,
                                  drop_point_longitude, contact_email)
     VALUES ($1, $2, 'GASAP', 'Hall', 'Place Cardinal Mercier 1, Jette', 50.88, 4.33, $3) RETURNING id`,
    [territoryId, unique('group'), `${unique('group')}@test.example`],
  );
}

export async function member(ds: DataSource, consumerGroupId: string): Promise<string> {
  return one(ds, `INSERT INTO members (consumer_group_id, name, email) VALUES ($1, $2, $3) RETURNING id`, [
    consumerGroupId,
    unique('member'),
    `${unique('member')}@test.example`,
  ]);
}

export async function cooperative(ds: DataSource, territoryId: string): Promise<string> {
  return one(
    ds,
    `INSERT INTO cooperatives (territory_id, name, contact_email, local_sales_share) VALUES ($1, $2, $3, 0.6) RETURNING id`,
    [territoryId, unique('coop'), `${unique('coop')}@test.example`],
  );
}

export async function product(ds: DataSource): Promise<string> {
  return one(
    ds,
    `INSERT INTO products (name, hs_code, unit, unit_net_kg, unit_gross_kg, category)
     VALUES ($1, '080510', '1 kg bag', 1, 1.05, 'fruit') RETURNING id`,
    [unique('oranges')],
  );
}

export async function pickupPoint(ds: DataSource, territoryId: string): Promise<string> {
  return one(
    ds,
    `INSERT INTO pickup_points (territory_id, name, address, latitude, longitude) VALUES ($1, $2, 'Route de Taroudant', 30.4, -9.5)
     RETURNING id`,
    [territoryId, unique('pickup')],
  );
}

export async function transportOrganiser(
  ds: DataSource,
  side: 'consumers' | 'producers' | 'third_party' = 'third_party',
): Promise<string> {
  return one(
    ds,
    `INSERT INTO transport_organisers (name, side, contact_email) VALUES ($1, $2, $3) RETURNING id`,
    [unique('carrier'), side, `${unique('carrier')}@test.example`],
  );
}

export interface VehicleRow {
  name?: string;
  mode?: 'road' | 'rail' | 'sea' | 'air';
  capacityKg: number;
  /** null: the organiser has no per-km price for it */
  costPerKmMinor?: number | null;
}

/** A vehicle of a transport organiser (a road vehicle unless told). */
export async function vehicle(
  ds: DataSource,
  transportOrganiserId: string,
  row: VehicleRow,
): Promise<string> {
  return one(
    ds,
    `INSERT INTO vehicles (transport_organiser_id, name, mode, capacity_kg, cost_per_km_minor)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      transportOrganiserId,
      row.name ?? unique('vehicle'),
      row.mode ?? 'road',
      row.capacityKg,
      row.costPerKmMinor ?? null,
    ],
  );
}

/** An organic certificate valid from 2020 to 2040: the cooperative passes an organicRequired charter. */
export async function organicCertificate(ds: DataSource, cooperativeId: string): Promise<void> {
  await ds.query(
    `INSERT INTO certificates (cooperative_id, kind, body, number, valid_from, valid_to)
     VALUES ($1, 'organic', 'Ecocert', 'MA-BIO-001', '2020-01-01', '2040-12-31')`,
    [cooperativeId],
  );
}

/** A partnership between two territories (without a charter: `charterVersion` adds one). */
export async function partnership(
  ds: DataSource,
  territoryAId: string,
  territoryBId: string,
): Promise<string> {
  return one(
    ds,
    `INSERT INTO partnerships (name, territory_a_id, territory_b_id) VALUES ($1, $2, $3) RETURNING id`,
    [unique('partnership'), territoryAId, territoryBId],
  );
}

/** A new charter version for the partnership (the highest version is the current one). */
export async function charterVersion(
  ds: DataSource,
  partnershipId: string,
  rules: Record<string, unknown>,
): Promise<void> {
  await ds.query(
    `INSERT INTO charter_versions (partnership_id, version, rules)
     SELECT $1, coalesce(max(version), 0) + 1, $2::jsonb FROM charter_versions WHERE partnership_id = $1`,
    [partnershipId, JSON.stringify(rules)],
  );
}
