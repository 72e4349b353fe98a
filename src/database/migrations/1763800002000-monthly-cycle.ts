import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the monthly cycle writes: commitments frozen at lock, charter violations, producer
 * confirmations, per-offer supply, allocations, the loading list, and the notification
 * outbox. Unique keys on each make a stage that runs twice write nothing new.
 */
export class MonthlyCycle1763800002000 implements MigrationInterface {
  name = 'MonthlyCycle1763800002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cycles
        ADD COLUMN locked_at timestamptz,
        ADD COLUMN allocated_at timestamptz;

      CREATE TABLE collective_commitments (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        offer_id uuid NOT NULL REFERENCES offers(id),
        quantity integer NOT NULL CHECK (quantity >= 0),
        PRIMARY KEY (cycle_id, consumer_group_id, offer_id)
      );

      CREATE TABLE cycle_violations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        rule varchar(32) NOT NULL,
        severity varchar(10) NOT NULL CHECK (severity IN ('blocking', 'warning')),
        subject_type varchar(16) NOT NULL,
        subject_id varchar(80) NOT NULL,
        message text NOT NULL,
        effect varchar(10) NOT NULL CHECK (effect IN ('exclude', 'cap', 'none')),
        cap_units integer,
        waived boolean NOT NULL DEFAULT false,
        waived_by uuid REFERENCES users(id) ON DELETE SET NULL,
        waived_at timestamptz,
        waive_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cycle_id, rule, subject_id)
      );

      CREATE TABLE cycle_offers (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL REFERENCES offers(id),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        demand integer NOT NULL CHECK (demand >= 0),
        confirmed integer CHECK (confirmed >= 0),
        export_cap integer CHECK (export_cap >= 0),
        excluded boolean NOT NULL DEFAULT false,
        supply integer CHECK (supply >= 0),
        PRIMARY KEY (cycle_id, offer_id)
      );
      CREATE INDEX cycle_offers_cooperative ON cycle_offers (cooperative_id, cycle_id);

      -- One row per cooperative asked to confirm; version guards against stale writes.
      CREATE TABLE cooperative_confirmations (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        version integer NOT NULL DEFAULT 0,
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        PRIMARY KEY (cycle_id, cooperative_id)
      );

      CREATE TABLE group_allocations (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL REFERENCES offers(id),
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        committed integer NOT NULL CHECK (committed >= 0),
        allocated integer NOT NULL CHECK (allocated >= 0 AND allocated <= committed),
        PRIMARY KEY (cycle_id, offer_id, consumer_group_id)
      );

      CREATE TABLE member_allocations (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id),
        offer_id uuid NOT NULL REFERENCES offers(id),
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        pledged integer NOT NULL CHECK (pledged >= 0),
        allocated integer NOT NULL CHECK (allocated >= 0 AND allocated <= pledged),
        PRIMARY KEY (cycle_id, member_id, offer_id)
      );
      CREATE INDEX member_allocations_group ON member_allocations (cycle_id, consumer_group_id);

      CREATE TABLE loading_list_lines (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        offer_id uuid NOT NULL REFERENCES offers(id),
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        units integer NOT NULL CHECK (units > 0),
        packages integer NOT NULL CHECK (packages > 0),
        net_kg numeric(14,3) NOT NULL,
        gross_kg numeric(14,3) NOT NULL,
        PRIMARY KEY (cycle_id, offer_id, consumer_group_id)
      );
      CREATE INDEX loading_list_cooperative ON loading_list_lines (cycle_id, cooperative_id);

      -- The outbox: a notification is written in the stage's transaction (dedupe_key makes a
      -- re-run write none), then delivered by the notifications queue with retries.
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key varchar(200) NOT NULL UNIQUE,
        channel varchar(8) NOT NULL CHECK (channel IN ('email', 'webhook')),
        cycle_id uuid REFERENCES cycles(id) ON DELETE CASCADE,
        recipient_type varchar(24) NOT NULL,
        recipient_id uuid NOT NULL,
        target text NOT NULL,
        payload jsonb NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX notifications_pending ON notifications (status, created_at);
      CREATE TABLE notification_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        outcome varchar(8) NOT NULL CHECK (outcome IN ('sent', 'failed', 'skipped')),
        detail text
      );
      CREATE INDEX notification_attempts_notification ON notification_attempts (notification_id, attempted_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE notification_attempts, notifications, loading_list_lines, member_allocations, group_allocations,
        cooperative_confirmations, cycle_offers, cycle_violations, collective_commitments;
      ALTER TABLE cycles DROP COLUMN locked_at, DROP COLUMN allocated_at;
    `);
  }
}
