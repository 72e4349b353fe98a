import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Seasons with their monthly cycles, enrolments, offers, member pledges and delivery pledges. */
export class SeasonsAndPledges1763800001000 implements MigrationInterface {
  name = 'SeasonsAndPledges1763800001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE seasons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        name varchar(200) NOT NULL,
        producer_territory_id uuid NOT NULL REFERENCES territories(id),
        consumer_territory_id uuid NOT NULL REFERENCES territories(id),
        first_month char(7) NOT NULL CHECK (first_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        last_month char(7) NOT NULL CHECK (last_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        currency char(3) NOT NULL,
        exchange_rate numeric(20,10) NOT NULL CHECK (exchange_rate > 0),
        pickup_point_id uuid NOT NULL REFERENCES pickup_points(id),
        lock_day smallint NOT NULL DEFAULT 10 CHECK (lock_day BETWEEN 1 AND 31),
        confirmation_days smallint NOT NULL DEFAULT 5 CHECK (confirmation_days BETWEEN 0 AND 28),
        loading_day smallint NOT NULL DEFAULT 1 CHECK (loading_day BETWEEN 1 AND 31),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (first_month <= last_month),
        CHECK (producer_territory_id <> consumer_territory_id)
      );
      CREATE TABLE season_transport_organisers (
        season_id uuid NOT NULL REFERENCES seasons(id) ON DELETE CASCADE,
        transport_organiser_id uuid NOT NULL REFERENCES transport_organisers(id),
        PRIMARY KEY (season_id, transport_organiser_id)
      );
      CREATE TABLE season_groups (
        season_id uuid NOT NULL REFERENCES seasons(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (season_id, consumer_group_id)
      );
      CREATE INDEX season_groups_group ON season_groups (consumer_group_id);
      CREATE TABLE offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        season_id uuid NOT NULL REFERENCES seasons(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        product_id uuid NOT NULL REFERENCES products(id),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        pack_size integer NOT NULL CHECK (pack_size > 0),
        monthly_capacity integer NOT NULL CHECK (monthly_capacity >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (season_id, cooperative_id, product_id)
      );
      CREATE INDEX offers_cooperative ON offers (cooperative_id);
      CREATE TABLE cycles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        season_id uuid NOT NULL REFERENCES seasons(id) ON DELETE CASCADE,
        month char(7) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'locked', 'confirming', 'allocated', 'dispatched', 'received', 'settled')),
        locks_at timestamptz NOT NULL,
        confirm_by timestamptz NOT NULL,
        loading_date date NOT NULL,
        charter_version_id uuid REFERENCES charter_versions(id),
        charter_version integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (season_id, month)
      );
      CREATE INDEX cycles_due ON cycles (status, locks_at);
      -- consumer_group_id is the member's group, copied so that commitments aggregate from this table alone.
      CREATE TABLE member_pledges (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        quantity integer NOT NULL CHECK (quantity >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, member_id, offer_id)
      );
      CREATE INDEX member_pledges_commitments ON member_pledges (cycle_id, consumer_group_id, offer_id) INCLUDE (quantity);
      CREATE INDEX member_pledges_member ON member_pledges (member_id, cycle_id);
      CREATE INDEX member_pledges_offer ON member_pledges (offer_id);
      CREATE TABLE delivery_pledges (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        quantity integer NOT NULL CHECK (quantity >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, offer_id)
      );
      CREATE INDEX delivery_pledges_cooperative ON delivery_pledges (cooperative_id, cycle_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE delivery_pledges, member_pledges, cycles, offers, season_groups, season_transport_organisers, seasons;
    `);
  }
}
