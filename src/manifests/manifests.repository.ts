import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '../logistics/domain/locales';
import type {
  ManifestHeadRow,
  ManifestRows,
  ManifestStopRow,
  ManifestUnloadingRow,
} from './domain/build-manifest';
import type { Manifest, ManifestSender } from './domain/manifest.types';

export interface ManifestRecipient {
  transportOrganiserId: string;
  contactEmail: string;
  webhookUrl: string | null;
  locale: Locale;
}

export interface StoredManifest {
  id: string;
  shipmentId: string;
  cycleId: string;
  transportOrganiserId: string;
  number: string;
  version: number;
  document: Manifest;
}

@Injectable()
export class ManifestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Everything the manifest of a shipment prints (buildManifest makes the document), in four queries whatever its size. */
  async rows(m: EntityManager, shipmentId: string): Promise<ManifestRows> {
    const [head]: ManifestHeadRow[] = await m.query(
      `SELECT s.id AS "seasonId", s.name AS "seasonName", p.id AS "partnershipId", p.name AS "partnershipName",
              c.month, to_char(c.loading_date, 'YYYY-MM-DD') AS "loadingDate",
              o.id AS "organiserId", o.name AS "organiserName", o.contact_email AS "contactEmail", o.locale,
              v.id AS "vehicleId", v.name AS "vehicleName", v.mode,
              pp.name AS "pickupName", pp.address AS "pickupAddress", pp.latitude AS "pickupLatitude",
              pp.longitude AS "pickupLongitude",
              sh.distance_km::float8 AS "distanceKm", sh.tonne_km::float8 AS "tonneKm", sh.co2e_kg::float8 AS "co2eKg"
         FROM shipments sh
         JOIN cycles c ON c.id = sh.cycle_id
         JOIN seasons s ON s.id = c.season_id
         JOIN partnerships p ON p.id = s.partnership_id
         JOIN pickup_points pp ON pp.id = s.pickup_point_id
         JOIN transport_organisers o ON o.id = sh.transport_organiser_id
         JOIN vehicles v ON v.id = sh.vehicle_id
        WHERE sh.id = $1`,
      [shipmentId],
    );
    const senders: ManifestSender[] = await m.query(
      `SELECT k.id AS "cooperativeId", k.name, t.name AS territory, t.country_code AS "countryCode",
              coalesce(array_agg(ce.number ORDER BY ce.kind, ce.number)
                       FILTER (WHERE ce.valid_from <= $2::date AND ce.valid_to >= $2::date), '{}') AS "certificateNumbers"
         FROM (SELECT DISTINCT cooperative_id FROM shipment_lines WHERE shipment_id = $1) sl
         JOIN cooperatives k ON k.id = sl.cooperative_id
         JOIN territories t ON t.id = k.territory_id
         LEFT JOIN certificates ce ON ce.cooperative_id = k.id
        GROUP BY k.id, t.name, t.country_code
        ORDER BY k.name, k.id`,
      [shipmentId, head.loadingDate],
    );
    const stops: ManifestStopRow[] = await m.query(
      `SELECT st.stop_order AS "order", st.consumer_group_id AS "consumerGroupId",
              st.distance_from_previous_km::float8 AS "distanceFromPreviousKm",
              g.name, g.contact_email AS "contactEmail", g.drop_point_name AS "dropName",
              g.drop_point_address AS "dropAddress", g.drop_point_latitude AS "dropLatitude",
              g.drop_point_longitude AS "dropLongitude"
         FROM shipment_stops st JOIN consumer_groups g ON g.id = st.consumer_group_id
        WHERE st.shipment_id = $1
        ORDER BY st.stop_order`,
      [shipmentId],
    );
    const unloading: ManifestUnloadingRow[] = await m.query(
      `SELECT sl.consumer_group_id AS "consumerGroupId", sl.cooperative_id AS "cooperativeId", p.id AS "productId",
              p.name AS "productName", p.hs_code AS "hsCode", sl.packages, sl.units,
              sl.net_kg::float8 AS "netKg", sl.gross_kg::float8 AS "grossKg"
         FROM shipment_lines sl
         JOIN offers o ON o.id = sl.offer_id
         JOIN products p ON p.id = o.product_id
        WHERE sl.shipment_id = $1
        ORDER BY p.name, sl.cooperative_id`,
      [shipmentId],
    );
    return { head, senders, stops, unloading };
  }

  async insert(
    m: EntityManager,
    shipmentId: string,
    document: Manifest,
    issuedBy: string | null,
  ): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO manifests (shipment_id, number, version, issued_at, issued_by, document)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [shipmentId, document.number, document.version, document.issuedAt, issuedBy, JSON.stringify(document)],
    );
    return id;
  }

  async recipient(m: EntityManager, shipmentId: string): Promise<ManifestRecipient> {
    const [row] = await m.query(
      `SELECT o.id AS "transportOrganiserId", o.contact_email AS "contactEmail", o.webhook_url AS "webhookUrl", o.locale
         FROM shipments sh JOIN transport_organisers o ON o.id = sh.transport_organiser_id WHERE sh.id = $1`,
      [shipmentId],
    );
    return row;
  }

  /** The latest version, or the given one, of a shipment's manifest. */
  async find(shipmentId: string, version?: number): Promise<StoredManifest | null> {
    const [row] = await this.dataSource.query(
      `SELECT mf.id, mf.shipment_id AS "shipmentId", sh.cycle_id AS "cycleId",
              sh.transport_organiser_id AS "transportOrganiserId", mf.number, mf.version, mf.document
         FROM manifests mf JOIN shipments sh ON sh.id = mf.shipment_id
        WHERE mf.shipment_id = $1 AND ($2::int IS NULL OR mf.version = $2)
        ORDER BY mf.version DESC LIMIT 1`,
      [shipmentId, version ?? null],
    );
    return row ?? null;
  }

  /** Locks the shipment's manifests and answers the next version and the number it keeps. */
  async nextVersion(
    m: EntityManager,
    shipmentId: string,
  ): Promise<{ number: string; version: number } | null> {
    const rows = await m.query(
      `SELECT number, version FROM manifests WHERE shipment_id = $1 ORDER BY version DESC FOR UPDATE`,
      [shipmentId],
    );
    return rows.length === 0 ? null : { number: rows[0].number, version: rows[0].version + 1 };
  }
}
