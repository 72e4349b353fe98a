import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { withIntegers } from '../common/database/integers';
import type { Locale } from '../logistics/domain/locales';
import type {
  ManifestCertificateRow,
  ManifestRows,
  ManifestSenderRow,
  ManifestStopRow,
  UnloadingRow,
} from './domain/build-manifest';
import type { Manifest } from './domain/manifest.types';

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

export interface ManifestVersionRow {
  number: string;
  version: number;
  issuedAt: Date;
  issuedBy: string | null;
}

@Injectable()
export class ManifestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Everything the manifest of a shipment prints, read in five queries whatever its size. */
  async manifestRows(m: EntityManager, shipmentId: string): Promise<ManifestRows> {
    const [head] = await m.query(
      `SELECT s.id AS "seasonId", s.name AS "seasonName", p.id AS "partnershipId", p.name AS "partnershipName",
              c.month, to_char(c.loading_date, 'YYYY-MM-DD') AS "loadingDate",
              o.id AS "organiserId", o.name AS "organiserName", o.contact_email AS "contactEmail", o.locale,
              v.id AS "vehicleId", v.name AS "vehicleName", v.mode,
              pp.name AS "pickupName", pp.address AS "pickupAddress", pp.latitude AS "pickupLatitude",
              pp.longitude AS "pickupLongitude", ct.country_code AS "consumerCountry",
              d.eur1_number AS "eur1Number", d.origin_declaration AS "originDeclaration",
              d.exporter_rex_number AS "exporterRexNumber", d.phytosanitary_certificate_number AS "phytosanitaryNumber",
              sh.distance_km::float8 AS "distanceKm", sh.tonne_km::float8 AS "tonneKm", sh.co2e_kg::float8 AS "co2eKg"
         FROM shipments sh
         JOIN cycles c ON c.id = sh.cycle_id
         JOIN seasons s ON s.id = c.season_id
         JOIN partnerships p ON p.id = s.partnership_id
         JOIN pickup_points pp ON pp.id = s.pickup_point_id
         JOIN transport_organisers o ON o.id = sh.transport_organiser_id
         JOIN vehicles v ON v.id = sh.vehicle_id
         JOIN territories ct ON ct.id = s.consumer_territory_id
         LEFT JOIN shipment_documents d ON d.shipment_id = sh.id
        WHERE sh.id = $1`,
      [shipmentId],
    );
    const senders: ManifestSenderRow[] = await m.query(
      `SELECT k.id AS "cooperativeId", k.name, t.name AS territory, t.country_code AS "countryCode",
              coalesce(array_agg(ce.number ORDER BY ce.kind, ce.number)
                       FILTER (WHERE ce.valid_from <= $2::date AND ce.valid_to >= $2::date), '{}') AS "certificateNumbers",
              (array_agg(ce.body ORDER BY ce.kind, ce.number)
                 FILTER (WHERE ce.valid_from <= $2::date AND ce.valid_to >= $2::date))[1] AS "controlBody"
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
              g.drop_point_longitude AS "dropLongitude", gt.country_code AS "countryCode"
         FROM shipment_stops st JOIN consumer_groups g ON g.id = st.consumer_group_id
         JOIN territories gt ON gt.id = g.territory_id
        WHERE st.shipment_id = $1
        ORDER BY st.stop_order`,
      [shipmentId],
    );
    const unloading: UnloadingRow[] = await m
      .query(
        `SELECT sl.consumer_group_id AS "consumerGroupId", sl.cooperative_id AS "cooperativeId", p.id AS "productId",
              p.name AS "productName", p.hs_code AS "hsCode", sl.packages, sl.units,
              sl.net_kg::float8 AS "netKg", sl.gross_kg::float8 AS "grossKg"
         FROM shipment_lines sl
         JOIN offers o ON o.id = sl.offer_id
         JOIN products p ON p.id = o.product_id
        WHERE sl.shipment_id = $1
        ORDER BY p.name, sl.cooperative_id`,
        [shipmentId],
      )
      .then((rows: UnloadingRow[]) => withIntegers(rows, ['packages', 'units']));
    const certificates: ManifestCertificateRow[] = await m.query(
      `SELECT cooperative_id AS "cooperativeId", product_id AS "productId", coi_number AS "coiNumber",
                control_body AS "controlBody"
           FROM shipment_line_certificates WHERE shipment_id = $1`,
      [shipmentId],
    );
    return { head, senders, stops, unloading, certificates };
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

  /** Keeps a rendered PDF of a manifest version (a version never changes, so neither does it). */
  async storePdf(
    m: EntityManager | DataSource,
    manifestId: string,
    kind: 'manifest' | 'cmr',
    pdf: Buffer,
  ): Promise<void> {
    await m.query(
      `INSERT INTO manifest_pdfs (manifest_id, kind, pdf) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [manifestId, kind, pdf],
    );
  }

  async storedPdf(manifestId: string, kind: 'manifest' | 'cmr'): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(
      `SELECT pdf FROM manifest_pdfs WHERE manifest_id = $1 AND kind = $2`,
      [manifestId, kind],
    );
    return row?.pdf ?? null;
  }

  /** Records the shipment's border documents (null clears one) and its lines' COIs. */
  async saveDocuments(
    m: EntityManager,
    shipmentId: string,
    documents: {
      eur1Number: string | null;
      originDeclaration: string | null;
      exporterRexNumber: string | null;
      phytosanitaryCertificateNumber: string | null;
    },
    certificates: { cooperativeId: string; productId: string; coiNumber: string; controlBody: string }[],
    userId: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO shipment_documents (shipment_id, eur1_number, origin_declaration, exporter_rex_number,
                                       phytosanitary_certificate_number, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (shipment_id) DO UPDATE SET eur1_number = EXCLUDED.eur1_number,
              origin_declaration = EXCLUDED.origin_declaration, exporter_rex_number = EXCLUDED.exporter_rex_number,
              phytosanitary_certificate_number = EXCLUDED.phytosanitary_certificate_number,
              updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        shipmentId,
        documents.eur1Number,
        documents.originDeclaration,
        documents.exporterRexNumber,
        documents.phytosanitaryCertificateNumber,
        userId,
      ],
    );
    if (certificates.length === 0) return;
    await m.query(
      `INSERT INTO shipment_line_certificates (shipment_id, cooperative_id, product_id, coi_number, control_body)
       SELECT $1, c.cooperative_id, c.product_id, c.coi, c.body
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS c(cooperative_id, product_id, coi, body)
       ON CONFLICT (shipment_id, cooperative_id, product_id)
         DO UPDATE SET coi_number = EXCLUDED.coi_number, control_body = EXCLUDED.control_body`,
      [
        shipmentId,
        certificates.map((c) => c.cooperativeId),
        certificates.map((c) => c.productId),
        certificates.map((c) => c.coiNumber),
        certificates.map((c) => c.controlBody),
      ],
    );
  }

  /** The (cooperative, product) pairs of a shipment's goods lines. */
  async goodsLines(shipmentId: string): Promise<Set<string>> {
    const rows: { key: string }[] = await this.dataSource.query(
      `SELECT DISTINCT sl.cooperative_id || '|' || o.product_id AS key
         FROM shipment_lines sl JOIN offers o ON o.id = sl.offer_id WHERE sl.shipment_id = $1`,
      [shipmentId],
    );
    return new Set(rows.map((row) => row.key));
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

  /** Every version of a shipment's manifest, newest first, with who issued it (null: the cycle). */
  versions(shipmentId: string): Promise<ManifestVersionRow[]> {
    return this.dataSource.query(
      `SELECT mf.number, mf.version, mf.issued_at AS "issuedAt", u.email AS "issuedBy"
         FROM manifests mf LEFT JOIN users u ON u.id = mf.issued_by
        WHERE mf.shipment_id = $1
        ORDER BY mf.version DESC`,
      [shipmentId],
    );
  }
}
