import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Territories, partnerships and charter versions, partners, catalogue, users and the audit log. */
export class Registry1763800000000 implements MigrationInterface {
  name = 'Registry1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE territories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        country_code char(2) NOT NULL,
        timezone varchar(64) NOT NULL,
        currency char(3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE partnerships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        territory_a_id uuid NOT NULL REFERENCES territories(id),
        territory_b_id uuid NOT NULL REFERENCES territories(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (territory_a_id <> territory_b_id)
      );
      CREATE TABLE charter_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        rules jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partnership_id, version)
      );
      CREATE TABLE consumer_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        territory_id uuid NOT NULL REFERENCES territories(id),
        name varchar(200) NOT NULL,
        kind varchar(40) NOT NULL,
        drop_point_name varchar(200) NOT NULL,
        drop_point_address varchar(500) NOT NULL,
        drop_point_latitude double precision NOT NULL CHECK (drop_point_latitude BETWEEN -90 AND 90),
        drop_point_longitude double precision NOT NULL CHECK (drop_point_longitude BETWEEN -180 AND 180),
        contact_email varchar(254) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX consumer_groups_territory ON consumer_groups (territory_id);
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        email varchar(254) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX members_group_email ON members (consumer_group_id, lower(email));
      CREATE TABLE cooperatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        territory_id uuid NOT NULL REFERENCES territories(id),
        name varchar(200) NOT NULL,
        contact_email varchar(254) NOT NULL,
        local_sales_share numeric(5,4) NOT NULL CHECK (local_sales_share BETWEEN 0 AND 1),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cooperatives_territory ON cooperatives (territory_id);
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('organic', 'pgs')),
        body varchar(200) NOT NULL,
        number varchar(100) NOT NULL,
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        CHECK (valid_to >= valid_from)
      );
      CREATE INDEX certificates_cooperative ON certificates (cooperative_id);
      CREATE TABLE pickup_points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        territory_id uuid NOT NULL REFERENCES territories(id),
        name varchar(200) NOT NULL,
        address varchar(500) NOT NULL,
        latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE transport_organisers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        side varchar(12) NOT NULL CHECK (side IN ('consumers', 'producers', 'third_party')),
        contact_email varchar(254) NOT NULL,
        webhook_url varchar(2048),
        locale varchar(2) NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'fr')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE vehicles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        transport_organiser_id uuid NOT NULL REFERENCES transport_organisers(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        mode varchar(4) NOT NULL CHECK (mode IN ('road', 'rail', 'sea', 'air')),
        capacity_kg numeric(12,3) NOT NULL CHECK (capacity_kg > 0),
        cost_per_km_minor bigint CHECK (cost_per_km_minor >= 0)
      );
      CREATE INDEX vehicles_organiser ON vehicles (transport_organiser_id);
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        hs_code varchar(10) NOT NULL CHECK (hs_code ~ '^[0-9]{6,10}$'),
        unit varchar(40) NOT NULL,
        unit_net_kg numeric(12,4) NOT NULL CHECK (unit_net_kg > 0),
        unit_gross_kg numeric(12,4) NOT NULL CHECK (unit_gross_kg >= unit_net_kg),
        category varchar(80) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        role varchar(12) NOT NULL CHECK (role IN ('admin', 'coordinator', 'member', 'cooperative', 'transporter')),
        consumer_group_id uuid REFERENCES consumer_groups(id) ON DELETE CASCADE,
        member_id uuid REFERENCES members(id) ON DELETE CASCADE,
        cooperative_id uuid REFERENCES cooperatives(id) ON DELETE CASCADE,
        transport_organiser_id uuid REFERENCES transport_organisers(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (role = 'admin' AND consumer_group_id IS NULL AND member_id IS NULL AND cooperative_id IS NULL AND transport_organiser_id IS NULL)
          OR (role = 'coordinator' AND consumer_group_id IS NOT NULL AND member_id IS NULL AND cooperative_id IS NULL AND transport_organiser_id IS NULL)
          OR (role = 'member' AND consumer_group_id IS NOT NULL AND member_id IS NOT NULL AND cooperative_id IS NULL AND transport_organiser_id IS NULL)
          OR (role = 'cooperative' AND cooperative_id IS NOT NULL AND consumer_group_id IS NULL AND member_id IS NULL AND transport_organiser_id IS NULL)
          OR (role = 'transporter' AND transport_organiser_id IS NOT NULL AND consumer_group_id IS NULL AND member_id IS NULL AND cooperative_id IS NULL)
        )
      );
      CREATE UNIQUE INDEX users_email ON users (lower(email));
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action varchar(60) NOT NULL,
        subject_type varchar(40) NOT NULL,
        subject_id uuid NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_log_created ON audit_log (created_at DESC);
      CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_log, users, products, vehicles, transport_organisers, pickup_points, certificates,
        cooperatives, members, consumer_groups, charter_versions, partnerships, territories;
    `);
  }
}
