import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returningRows } from '../common/database/returning';
import type { MemberPledgeDto } from './dto/member-pledge.dto';

export interface PledgeLine {
  offerId: string;
  quantity: number;
}

/** Which months a PUT replaces: every month still open, or one month. */
export type PledgeTarget = { kind: 'standing' } | { kind: 'month'; month: string };

export type ReplaceOutcome =
  | { kind: 'replaced' }
  | { kind: 'no-such-member' }
  | { kind: 'no-such-month' }
  | { kind: 'month-not-open' }
  | { kind: 'no-open-month' };

/**
 * A cycle accepts pledges while its status is open and its lock time has not passed (the lock
 * stage may not have run yet at that instant).
 */
const OPEN = `status = 'open' AND locks_at > now()`;

@Injectable()
export class MemberPledgesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The member's group, or null when there is no such member. */
  async memberGroup(memberId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT consumer_group_id FROM members WHERE id = $1`, [
      memberId,
    ]);
    return row?.consumer_group_id ?? null;
  }

  async groupEnrolled(seasonId: string, consumerGroupId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM season_groups WHERE season_id = $1 AND consumer_group_id = $2`,
      [seasonId, consumerGroupId],
    );
    return rows.length > 0;
  }

  /** Those of `offerIds` that are offers of the season. */
  async seasonOffers(seasonId: string, offerIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM offers WHERE season_id = $1 AND id = ANY($2::uuid[])`,
      [seasonId, offerIds],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Replaces the member's lines in the target months, in one transaction. The member row is
   * locked first, so concurrent PUTs for one member run one after the other and the last one
   * wins whole, and the group's live commitments move by exactly what the member changed; the target cycles are locked FOR SHARE, so the lock stage (which updates the
   * cycle row) cannot lock a month between our check that it is open and our commit.
   */
  replace(
    seasonId: string,
    memberId: string,
    target: PledgeTarget,
    lines: PledgeLine[],
  ): Promise<ReplaceOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [member] = await manager.query(`SELECT consumer_group_id FROM members WHERE id = $1 FOR UPDATE`, [
        memberId,
      ]);
      if (!member) return { kind: 'no-such-member' };
      const cycles = await this.targetCycles(manager, seasonId, target);
      if (!Array.isArray(cycles)) return cycles;
      const removed: { cycle_id: string; offer_id: string; quantity: number }[] = await returningRows(
        manager,
        `DELETE FROM member_pledges WHERE member_id = $1 AND cycle_id = ANY($2::uuid[])
         RETURNING cycle_id, offer_id, quantity`,
        [memberId, cycles],
      );
      const kept = lines.filter((line) => line.quantity > 0);
      // The new lines, and the group's live commitments moved by the difference, in one
      // statement. Its upsert takes the commitment rows' locks in one global order (cycle,
      // offer), so PUTs of one group queue on those rows but never deadlock.
      await manager.query(
        `WITH inserted AS (
           INSERT INTO member_pledges (cycle_id, member_id, offer_id, consumer_group_id, quantity)
           SELECT c.id, $1, l.offer_id, $2, l.quantity
           FROM unnest($3::uuid[]) AS c(id)
           CROSS JOIN unnest($4::uuid[], $5::int[]) AS l(offer_id, quantity)
           RETURNING cycle_id, offer_id, quantity
         ), delta AS (
           SELECT cycle_id, offer_id, sum(quantity) AS quantity
           FROM (SELECT cycle_id, offer_id, quantity FROM inserted
                 UNION ALL
                 SELECT cycle_id, offer_id, -quantity FROM unnest($6::uuid[], $7::uuid[], $8::int[])
                   AS r(cycle_id, offer_id, quantity)) d
           GROUP BY cycle_id, offer_id
           HAVING sum(quantity) <> 0
         )
         INSERT INTO live_commitments (cycle_id, consumer_group_id, offer_id, quantity)
         SELECT cycle_id, $2, offer_id, quantity FROM delta ORDER BY cycle_id, offer_id
         ON CONFLICT (cycle_id, consumer_group_id, offer_id)
         DO UPDATE SET quantity = live_commitments.quantity + EXCLUDED.quantity`,
        [
          memberId,
          member.consumer_group_id,
          cycles,
          kept.map((l) => l.offerId),
          kept.map((l) => l.quantity),
          removed.map((r) => r.cycle_id),
          removed.map((r) => r.offer_id),
          removed.map((r) => r.quantity),
        ],
      );
      return { kind: 'replaced' };
    });
  }

  /** The ids of the open cycles a PUT replaces, locked FOR SHARE, or why there are none. */
  private async targetCycles(
    manager: EntityManager,
    seasonId: string,
    target: PledgeTarget,
  ): Promise<string[] | ReplaceOutcome> {
    if (target.kind === 'standing') {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM cycles WHERE season_id = $1 AND ${OPEN} ORDER BY month FOR SHARE`,
        [seasonId],
      );
      return rows.length > 0 ? rows.map((row) => row.id) : { kind: 'no-open-month' };
    }
    const [cycle] = await manager.query(
      `SELECT id, (${OPEN}) AS open FROM cycles WHERE season_id = $1 AND month = $2 FOR SHARE`,
      [seasonId, target.month],
    );
    if (!cycle) return { kind: 'no-such-month' };
    return cycle.open ? [cycle.id] : { kind: 'month-not-open' };
  }

  async list(seasonId: string, memberId: string): Promise<MemberPledgeDto[]> {
    const rows: { month: string; offer_id: string; quantity: number }[] = await this.dataSource.query(
      `SELECT c.month, mp.offer_id, mp.quantity
       FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id
       WHERE c.season_id = $1 AND mp.member_id = $2
       ORDER BY c.month, mp.offer_id`,
      [seasonId, memberId],
    );
    return rows.map((row) => ({ month: row.month, offerId: row.offer_id, quantity: row.quantity }));
  }
}
