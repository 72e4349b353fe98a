import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pledge PUT updates its lines in place (heap-only tuples), instead of writing a new entry in
 * every index of member_pledges for every line (docs/PERFORMANCE.md, "PUT pledges"):
 *
 * - member_pledges_commitments (cycle, group, offer) INCLUDE (quantity) goes. Because it held the
 *   quantity, a change of quantity was never a HOT update: each line changed wrote four index
 *   entries. Since live_commitments answers the open month's commitments, nothing reads it any
 *   more: the lock stage's GROUP BY scans the month's lines (primary key prefix or a sequential
 *   scan), and the allocate stage joins them by hash.
 * - fillfactor 85 leaves room on each page for the new versions of the lines a member
 *   changes, so the update can stay on its page. Pages written before this migration are full:
 *   a line's first update moves it to a page with room, later updates stay there.
 */
export class PledgeHotUpdates1763800009200 implements MigrationInterface {
  name = 'PledgeHotUpdates1763800009200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX member_pledges_commitments;
      ALTER TABLE member_pledges SET (fillfactor = 85);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE member_pledges RESET (fillfactor);
      CREATE INDEX member_pledges_commitments ON member_pledges (cycle_id, consumer_group_id, offer_id) INCLUDE (quantity);
    `);
  }
}
