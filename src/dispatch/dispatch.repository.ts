import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CharterRules } from '../charter/domain/charter-rules.types';
import { withIntegers } from '../common/database/integers';
import { returningRows } from '../common/database/returning';
import type { PackingConsignment, PackingVehicle } from './domain/packing';
import type { GeoPoint, RouteStop } from './domain/routing';

export interface DispatchInput {
  month: string;
  rules: CharterRules;
  pickupPoint: GeoPoint;
  vehicles: PackingVehicle[];
  consignments: PackingConsignment[];
  dropPoints: Map<string, RouteStop>;
}

export interface ShipmentRow {
  id: string;
  transportOrganiserId: string;
  vehicleId: string;
  mode: string;
  netKg: number;
  grossKg: number;
  distanceKm: number;
  tonneKm: number;
  co2eKg: number;
  costMinor: number;
}

export interface StopRow {
  shipmentId: string;
  order: number;
  consumerGroupId: string;
  distanceFromPreviousKm: number;
}

export interface PlacedLine {
  shipmentId: string;
  consumerGroupId: string;
  offerId: string;
}

export interface UnplacedRow {
  consumerGroupId: string;
  offerId: string;
  grossKg: number;
  reason: string;
}

/** The SQL of the dispatch stage; every method runs in the stage's transaction. */
interface LoadingRow {
  consumerGroupId: string;
  offerId: string;
  units: number;
  packages: number;
  netKg: number;
  grossKg: number;
}

@Injectable()
export class DispatchRepository {
  /** allocated → dispatched; null when the cycle was not allocated (nothing to do). */
  async moveToDispatched(m: EntityManager, cycleId: string): Promise<{ month: string } | null> {
    const [row] = await returningRows<{ month: string }>(
      m,
      `UPDATE cycles SET status = 'dispatched', dispatched_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'allocated' RETURNING month`,
      [cycleId],
    );
    return row ?? null;
  }

  /** Vehicles of the season's organisers, the groups' consignments from the loading list, and places. */
  async input(m: EntityManager, cycleId: string, month: string): Promise<DispatchInput> {
    const [head] = await m.query(
      `SELECT coalesce(cv.rules, '{}'::jsonb) AS rules, pp.latitude, pp.longitude
         FROM cycles c
         JOIN seasons s ON s.id = c.season_id
         JOIN pickup_points pp ON pp.id = s.pickup_point_id
         LEFT JOIN charter_versions cv ON cv.id = c.charter_version_id
        WHERE c.id = $1`,
      [cycleId],
    );
    const vehicles: PackingVehicle[] = await m.query(
      `SELECT v.id AS "vehicleId", v.transport_organiser_id AS "transportOrganiserId", v.mode,
              v.capacity_kg::float8 AS "capacityKg", v.cost_per_km_minor::float8 AS "costPerKmMinor"
         FROM vehicles v
         JOIN season_transport_organisers st ON st.transport_organiser_id = v.transport_organiser_id
         JOIN cycles c ON c.season_id = st.season_id
        WHERE c.id = $1`,
      [cycleId],
    );
    const rows: LoadingRow[] = await m.query(
      `SELECT consumer_group_id AS "consumerGroupId", offer_id AS "offerId", units, packages,
              net_kg::float8 AS "netKg", gross_kg::float8 AS "grossKg"
         FROM loading_list_lines WHERE cycle_id = $1`,
      [cycleId],
    );
    const lines = withIntegers(rows, ['units', 'packages']);
    const byGroup = new Map<string, PackingConsignment>();
    for (const line of lines) {
      const consignment = byGroup.get(line.consumerGroupId) ?? {
        consumerGroupId: line.consumerGroupId,
        lines: [],
      };
      consignment.lines.push({
        lineId: line.offerId,
        grossKg: line.grossKg,
        netKg: line.netKg,
        units: line.units,
        packages: line.packages,
      });
      byGroup.set(line.consumerGroupId, consignment);
    }
    const drops: RouteStop[] = await m.query(
      `SELECT id, drop_point_latitude AS latitude, drop_point_longitude AS longitude
         FROM consumer_groups WHERE id = ANY($1::uuid[])`,
      [[...byGroup.keys()]],
    );
    return {
      month,
      rules: head.rules,
      pickupPoint: { latitude: head.latitude, longitude: head.longitude },
      vehicles,
      consignments: [...byGroup.values()],
      dropPoints: new Map(drops.map((drop) => [drop.id, drop])),
    };
  }

  async insertShipments(m: EntityManager, cycleId: string, rows: ShipmentRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof ShipmentRow>(key: K) => rows.map((row) => row[key]);
    await m.query(
      `INSERT INTO shipments (id, cycle_id, transport_organiser_id, vehicle_id, mode, net_kg, gross_kg, distance_km,
                              tonne_km, co2e_kg, cost_minor)
       SELECT id, $1, organiser, vehicle, mode, net, gross, km, tkm, co2e, cost
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::numeric[],
                     $9::numeric[], $10::numeric[], $11::bigint[])
           AS s(id, organiser, vehicle, mode, net, gross, km, tkm, co2e, cost)`,
      [
        cycleId,
        column('id'),
        column('transportOrganiserId'),
        column('vehicleId'),
        column('mode'),
        column('netKg'),
        column('grossKg'),
        column('distanceKm'),
        column('tonneKm'),
        column('co2eKg'),
        column('costMinor'),
      ],
    );
  }

  async insertStops(m: EntityManager, rows: StopRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO shipment_stops (shipment_id, stop_order, consumer_group_id, distance_from_previous_km)
       SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::uuid[], $4::numeric[])`,
      [
        rows.map((r) => r.shipmentId),
        rows.map((r) => r.order),
        rows.map((r) => r.consumerGroupId),
        rows.map((r) => r.distanceFromPreviousKm),
      ],
    );
  }

  /** Each placed line copied from the loading list onto its shipment. */
  async insertLines(m: EntityManager, cycleId: string, rows: PlacedLine[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO shipment_lines (shipment_id, cycle_id, consumer_group_id, offer_id, cooperative_id, units, packages, net_kg, gross_kg)
       SELECT p.shipment_id, l.cycle_id, l.consumer_group_id, l.offer_id, l.cooperative_id, l.units, l.packages, l.net_kg, l.gross_kg
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS p(shipment_id, consumer_group_id, offer_id)
         JOIN loading_list_lines l
           ON l.cycle_id = $1 AND l.consumer_group_id = p.consumer_group_id AND l.offer_id = p.offer_id`,
      [
        cycleId,
        rows.map((r) => r.shipmentId),
        rows.map((r) => r.consumerGroupId),
        rows.map((r) => r.offerId),
      ],
    );
  }

  async insertUnplaced(m: EntityManager, cycleId: string, rows: UnplacedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO unplaced_goods (cycle_id, consumer_group_id, offer_id, gross_kg, reason)
       SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [
        cycleId,
        rows.map((r) => r.consumerGroupId),
        rows.map((r) => r.offerId),
        rows.map((r) => r.grossKg),
        rows.map((r) => r.reason),
      ],
    );
  }

  /**
   * Reserves `count` consecutive manifest numbers of a month: the counter row is locked by the
   * upsert, so concurrent dispatches never hand out the same number.
   */
  async reserveManifestNumbers(m: EntityManager, month: string, count: number): Promise<string[]> {
    if (count === 0) return [];
    const key = month.replace('-', '');
    const [{ last }] = await m.query(
      `INSERT INTO manifest_counters (month, last_number) VALUES ($1, $2)
       ON CONFLICT (month) DO UPDATE SET last_number = manifest_counters.last_number + EXCLUDED.last_number
       RETURNING last_number AS last`,
      [key, count],
    );
    return Array.from(
      { length: count },
      (_, i) => `MAN-${key}-${String(last - count + 1 + i).padStart(4, '0')}`,
    );
  }
}
