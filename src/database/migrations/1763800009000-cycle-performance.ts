import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance at a million pledge lines a month (docs/PERFORMANCE.md):
 *
 * - member_allocations loses its four foreign keys. Each was a trigger call per row, and the
 *   allocate stage writes one row per pledge line: at 1M lines the checks cost more than
 *   computing the allocation. The rows are derived, written only by the allocate stage's
 *   INSERT … SELECT from member_pledges joined to group_allocations (so every key exists by
 *   construction), never updated, and nothing deletes pledges, members or cycles once
 *   allocated. The primary key still stops a second write.
 * - its primary key becomes (cycle, group, member, offer), the order in which the stage
 *   produces the rows (partitioned by group and offer), so that a million index insertions
 *   land on a few hot pages instead of random ones across the index; it also serves the
 *   group's view (the separate (cycle, group) index goes) in the order the API lists it.
 * - live_commitments: the collective commitment of each group × offer × month, kept equal to
 *   the sum of the members' pledges by the pledge PUT itself (a delta, in the same transaction
 *   as the pledge rows), so that GET /seasons/:id/commitments reads a few thousand rows instead
 *   of aggregating a million pledge lines on every request. No CHECK (quantity >= 0): an upsert
 *   of a negative delta is checked before it meets its row; the sum itself never goes below 0.
 */
export class CyclePerformance1763800009000 implements MigrationInterface {
  name = 'CyclePerformance1763800009000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE member_allocations
        DROP CONSTRAINT member_allocations_cycle_id_fkey,
        DROP CONSTRAINT member_allocations_member_id_fkey,
        DROP CONSTRAINT member_allocations_offer_id_fkey,
        DROP CONSTRAINT member_allocations_consumer_group_id_fkey,
        DROP CONSTRAINT member_allocations_pkey,
        ADD PRIMARY KEY (cycle_id, consumer_group_id, member_id, offer_id);
      DROP INDEX member_allocations_group;

      CREATE TABLE live_commitments (
        cycle_id uuid NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        consumer_group_id uuid NOT NULL REFERENCES consumer_groups(id),
        offer_id uuid NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
        quantity bigint NOT NULL,
        PRIMARY KEY (cycle_id, consumer_group_id, offer_id)
      );
      INSERT INTO live_commitments (cycle_id, consumer_group_id, offer_id, quantity)
      SELECT cycle_id, consumer_group_id, offer_id, sum(quantity) FROM member_pledges
       GROUP BY cycle_id, consumer_group_id, offer_id;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE live_commitments;
      CREATE INDEX member_allocations_group ON member_allocations (cycle_id, consumer_group_id);
      ALTER TABLE member_allocations
        DROP CONSTRAINT member_allocations_pkey,
        ADD PRIMARY KEY (cycle_id, member_id, offer_id),
        ADD CONSTRAINT member_allocations_cycle_id_fkey FOREIGN KEY (cycle_id) REFERENCES cycles(id) ON DELETE CASCADE,
        ADD CONSTRAINT member_allocations_member_id_fkey FOREIGN KEY (member_id) REFERENCES members(id),
        ADD CONSTRAINT member_allocations_offer_id_fkey FOREIGN KEY (offer_id) REFERENCES offers(id),
        ADD CONSTRAINT member_allocations_consumer_group_id_fkey FOREIGN KEY (consumer_group_id) REFERENCES consumer_groups(id);
    `);
  }
}
