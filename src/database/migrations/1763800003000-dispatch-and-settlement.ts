import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispatch (shipments, their stops and goods, manifests), reception and settlement. As for the
 * earlier stages, unique keys make a stage that runs twice write nothing new.
 */
export class DispatchAndSettlement1763800003000 implements MigrationInterface {
  name = 'DispatchAndSettlement1763800003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- TRANSPORT_MODE at dispatch: the vehicle is not used.
      ALTER TABLE cycle_violations ALTER COLUMN effect TYPE varchar(16),
        DROP CONSTRAINT cycle_violations_effect_check,
        ADD CONSTRAINT cycle_violations_effect_check CHECK (effect IN ('exclude', 'cap', 'none', 'skip_vehicle'));

      ALTER TABLE cycles
        ADD COLUMN dispatched_at timestamptz,
        ADD COLUMN received_at timestamptz,
        ADD COLUMN settled_at timestamptz;

      CREATE TABLE shipments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        transport_organiser_id uuid NOT NULL REFERENCES transport_organisers(id),
        vehicle_id uuid NOT NULL REFERENCES vehicles(id),
        mode varchar(4) NOT NULL,
        net_kg numeric(14,3) NOT NULL,
        gross_kg numeric(14,3) NOT NULL,
        distance_km numeric(12,3) NOT NULL,
        tonne_km numeric(16,3) NOT NULL,
        co2e_kg numeric(14,3) NOT NULL,
        cost_minor bigint NOT NULL DEFAULT 0 CHECK (cost_minor >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cycle_id, vehicle_id)
      );
      CREATE INDEX shipments_organiser ON shipments (transport_organiser_id, cycle_id);

      CREATE TABLE shipment_stops (
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        stop_order smallint NOT NULL CHECK (stop_order > 0),
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        distance_from_previous_km numeric(12,3) NOT NULL,
        PRIMARY KEY (shipment_id, stop_order),
        UNIQUE (shipment_id, consumer_group_id)
      );

      -- A loading-list line (offer × group) travels whole on one shipment.
      CREATE TABLE shipment_lines (
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        offer_id uuid NOT NULL REFERENCES offers(id),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        units integer NOT NULL CHECK (units > 0),
        packages integer NOT NULL CHECK (packages > 0),
        net_kg numeric(14,3) NOT NULL,
        gross_kg numeric(14,3) NOT NULL,
        PRIMARY KEY (shipment_id, consumer_group_id, offer_id),
        UNIQUE (cycle_id, consumer_group_id, offer_id)
      );

      -- Goods no usable vehicle could take: reported, never dropped silently.
      CREATE TABLE unplaced_goods (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        offer_id uuid NOT NULL REFERENCES offers(id),
        gross_kg numeric(14,3) NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (cycle_id, consumer_group_id, offer_id)
      );

      -- MAN-YYYYMM-NNNN: the counter of each month hands out NNNN.
      CREATE TABLE manifest_counters (
        month char(6) PRIMARY KEY,
        last_number integer NOT NULL
      );
      CREATE TABLE manifests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        number varchar(20) NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by uuid REFERENCES users(id) ON DELETE SET NULL,
        document jsonb NOT NULL,
        UNIQUE (shipment_id, version),
        UNIQUE (number, version)
      );

      -- What each group reports as arrived, per offer; version guards against stale writes.
      CREATE TABLE group_receipts (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        version integer NOT NULL DEFAULT 1,
        reported_at timestamptz NOT NULL DEFAULT now(),
        reported_by uuid REFERENCES users(id) ON DELETE SET NULL,
        PRIMARY KEY (cycle_id, consumer_group_id)
      );
      CREATE TABLE receipt_lines (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        offer_id uuid NOT NULL REFERENCES offers(id),
        received integer NOT NULL CHECK (received >= 0),
        PRIMARY KEY (cycle_id, consumer_group_id, offer_id)
      );
      CREATE TABLE member_receipts (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id),
        offer_id uuid NOT NULL REFERENCES offers(id),
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        received integer NOT NULL CHECK (received >= 0),
        PRIMARY KEY (cycle_id, member_id, offer_id)
      );

      CREATE TABLE member_statements (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id),
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        goods_minor bigint NOT NULL,
        transport_minor bigint NOT NULL,
        total_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        PRIMARY KEY (cycle_id, member_id)
      );
      CREATE TABLE cooperative_statements (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        due_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        due_producer_minor bigint NOT NULL,
        producer_currency char(3) NOT NULL,
        PRIMARY KEY (cycle_id, cooperative_id)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE cooperative_statements, member_statements, member_receipts, receipt_lines, group_receipts,
        manifests, manifest_counters, unplaced_goods, shipment_lines, shipment_stops, shipments;
      ALTER TABLE cycles DROP COLUMN dispatched_at, DROP COLUMN received_at, DROP COLUMN settled_at;
      DELETE FROM cycle_violations WHERE effect = 'skip_vehicle';
      ALTER TABLE cycle_violations DROP CONSTRAINT cycle_violations_effect_check,
        ADD CONSTRAINT cycle_violations_effect_check CHECK (effect IN ('exclude', 'cap', 'none'));
    `);
  }
}
