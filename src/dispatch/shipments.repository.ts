import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class ShipmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A cycle's shipments (of one organiser when given), each with its stops, totals and manifest. */
  list(cycleId: string, transportOrganiserId: string | null) {
    return this.dataSource.query(
      `SELECT sh.id, sh.transport_organiser_id AS "transportOrganiserId",
              json_build_object('id', v.id, 'name', v.name, 'mode', v.mode, 'capacityKg', v.capacity_kg::float8) AS vehicle,
              (SELECT coalesce(json_agg(json_build_object(
                        'order', st.stop_order, 'consumerGroupId', st.consumer_group_id,
                        'distanceFromPreviousKm', st.distance_from_previous_km::float8,
                        'consignee', g.name, 'contactEmail', g.contact_email,
                        'dropPoint', json_build_object('name', g.drop_point_name, 'address', g.drop_point_address),
                        'unloading', (SELECT json_build_object('packages', coalesce(sum(l.packages), 0)::bigint,
                                        'units', coalesce(sum(l.units), 0)::bigint, 'netKg', coalesce(sum(l.net_kg), 0)::float8,
                                        'grossKg', coalesce(sum(l.gross_kg), 0)::float8)
                                        FROM shipment_lines l
                                       WHERE l.shipment_id = sh.id AND l.consumer_group_id = st.consumer_group_id)
                      ) ORDER BY st.stop_order), '[]')
                 FROM shipment_stops st JOIN consumer_groups g ON g.id = st.consumer_group_id
                WHERE st.shipment_id = sh.id) AS stops,
              (SELECT json_build_object('packages', coalesce(sum(l.packages), 0)::bigint, 'units', coalesce(sum(l.units), 0)::bigint,
                        'netKg', coalesce(sum(l.net_kg), 0)::float8, 'grossKg', coalesce(sum(l.gross_kg), 0)::float8)
                 FROM shipment_lines l WHERE l.shipment_id = sh.id) AS totals,
              sh.distance_km::float8 AS "distanceKm", sh.tonne_km::float8 AS "tonneKm", sh.co2e_kg::float8 AS "co2eKg",
              sh.cost_minor::float8 AS "costMinor",
              (SELECT json_build_object('number', mf.number, 'version', mf.version)
                 FROM manifests mf WHERE mf.shipment_id = sh.id ORDER BY mf.version DESC LIMIT 1) AS manifest
         FROM shipments sh JOIN vehicles v ON v.id = sh.vehicle_id
        WHERE sh.cycle_id = $1 AND ($2::uuid IS NULL OR sh.transport_organiser_id = $2)
        ORDER BY sh.created_at, sh.id`,
      [cycleId, transportOrganiserId],
    );
  }

  unplaced(cycleId: string) {
    return this.dataSource.query(
      `SELECT consumer_group_id AS "consumerGroupId", offer_id AS "offerId", gross_kg::float8 AS "grossKg", reason
         FROM unplaced_goods WHERE cycle_id = $1 ORDER BY consumer_group_id, offer_id`,
      [cycleId],
    );
  }
}
