import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The papers goods need at a border, entered by an admin or the shipment's transporter
 * (`PUT /shipments/:id/documents`) and printed on the manifest: per shipment the proof of origin
 * (an EUR.1 number, or an origin declaration with the exporter's REX number) and the
 * phytosanitary certificate number; per goods line (a cooperative's product on the shipment) the
 * organic certificate of inspection (COI, from TRACES) and its control body. And each rendered
 * PDF of a manifest version, kept because a version never changes.
 */
export class BorderDocuments1763800015000 implements MigrationInterface {
  name = 'BorderDocuments1763800015000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shipment_documents (
        shipment_id uuid PRIMARY KEY REFERENCES shipments(id) ON DELETE CASCADE,
        eur1_number varchar(20),
        origin_declaration text,
        exporter_rex_number varchar(40),
        phytosanitary_certificate_number varchar(40),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        CHECK (eur1_number IS NULL OR origin_declaration IS NULL)
      );
      CREATE TABLE shipment_line_certificates (
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        product_id uuid NOT NULL REFERENCES products(id),
        coi_number varchar(30) NOT NULL,
        control_body varchar(20) NOT NULL,
        PRIMARY KEY (shipment_id, cooperative_id, product_id)
      );
      CREATE TABLE manifest_pdfs (
        manifest_id uuid NOT NULL REFERENCES manifests(id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('manifest', 'cmr')),
        pdf bytea NOT NULL,
        PRIMARY KEY (manifest_id, kind)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE manifest_pdfs; DROP TABLE shipment_line_certificates; DROP TABLE shipment_documents;`,
    );
  }
}
