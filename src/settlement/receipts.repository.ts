import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { safeInteger, withIntegers } from '../common/database/integers';
import { returningRows } from '../common/database/returning';
import type { CycleStatus } from '../seasons/domain/cycle-status';

export interface GroupAllocation {
  offerId: string;
  allocated: number;
  /** Units of the group's line that a shipment carries (0 or the allocation: a line travels whole). */
  shipped: number;
}

export interface ReceiptView {
  version: number;
  /** Received per offer id; empty before the first report. */
  received: Map<string, number>;
}

export interface MemberReceiptRow {
  memberId: string;
  offerId: string;
  received: number;
}

@Injectable()
export class ReceiptsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether the group is enrolled in the season of the cycle. */
  async enrolled(cycleId: string, consumerGroupId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM cycles c JOIN season_groups sg ON sg.season_id = c.season_id
        WHERE c.id = $1 AND sg.consumer_group_id = $2`,
      [cycleId, consumerGroupId],
    );
    return !!row;
  }

  /**
   * Locks the cycle row against the other receipts of the cycle and against the settlement
   * stage until the transaction ends, and answers its status. FOR NO KEY UPDATE, not FOR
   * SHARE: two groups reporting last at the same time would each not see the other's report
   * and neither would move the cycle on (write skew); this lock makes them take turns.
   */
  async lockCycle(m: EntityManager, cycleId: string): Promise<CycleStatus> {
    const [row] = await m.query(`SELECT status FROM cycles WHERE id = $1 FOR NO KEY UPDATE`, [cycleId]);
    return row.status;
  }

  /**
   * What the group can receive: the offers allocated to it that a shipment carries, with both
   * figures, by offer id. Goods reported as placed in no vehicle are not among them (F8 in
   * docs/SECURITY.md): they never left, so they are neither received, billed nor paid.
   */
  async receivable(
    cycleId: string,
    consumerGroupId: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<GroupAllocation[]> {
    const rows: GroupAllocation[] = await m.query(
      `SELECT ga.offer_id AS "offerId", ga.allocated, sum(sl.units) AS shipped
         FROM group_allocations ga
         JOIN shipment_lines sl
           ON sl.cycle_id = ga.cycle_id AND sl.consumer_group_id = ga.consumer_group_id AND sl.offer_id = ga.offer_id
        WHERE ga.cycle_id = $1 AND ga.consumer_group_id = $2 AND ga.allocated > 0
        GROUP BY ga.offer_id, ga.allocated
        ORDER BY ga.offer_id`,
      [cycleId, consumerGroupId],
    );
    return withIntegers(rows, ['allocated', 'shipped']);
  }

  /** The members' allocations (> 0 units) of the group in the cycle. */
  memberAllocations(
    m: EntityManager,
    cycleId: string,
    consumerGroupId: string,
  ): Promise<{ memberId: string; offerId: string; allocated: number }[]> {
    return m.query(
      `SELECT member_id AS "memberId", offer_id AS "offerId", allocated FROM member_allocations
        WHERE cycle_id = $1 AND consumer_group_id = $2 AND allocated > 0`,
      [cycleId, consumerGroupId],
    );
  }

  async report(
    cycleId: string,
    consumerGroupId: string,
    m: EntityManager = this.dataSource.manager,
  ): Promise<ReceiptView> {
    const [head] = await m.query(
      `SELECT version FROM group_receipts WHERE cycle_id = $1 AND consumer_group_id = $2`,
      [cycleId, consumerGroupId],
    );
    if (!head) return { version: 0, received: new Map() };
    const lines: { offerId: string; received: number }[] = await m.query(
      `SELECT offer_id AS "offerId", received FROM receipt_lines WHERE cycle_id = $1 AND consumer_group_id = $2`,
      [cycleId, consumerGroupId],
    );
    return {
      version: head.version,
      received: new Map(lines.map((l) => [l.offerId, safeInteger(l.received, 'received')])),
    };
  }

  /** The first report: version 1, or null when one exists already (someone reported meanwhile). */
  async insertReport(
    m: EntityManager,
    cycleId: string,
    consumerGroupId: string,
    userId: string,
  ): Promise<number | null> {
    const [row] = await m.query(
      `INSERT INTO group_receipts (cycle_id, consumer_group_id, version, reported_by)
       VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING RETURNING version`,
      [cycleId, consumerGroupId, userId],
    );
    return row?.version ?? null;
  }

  /** A correction: bumps the version only if it is still the one expected; null when stale. */
  async bumpReport(
    m: EntityManager,
    cycleId: string,
    consumerGroupId: string,
    expectedVersion: number,
    userId: string,
  ): Promise<number | null> {
    const [row] = await returningRows<{ version: number }>(
      m,
      `UPDATE group_receipts SET version = version + 1, reported_at = now(), reported_by = $4
        WHERE cycle_id = $1 AND consumer_group_id = $2 AND version = $3
      RETURNING version`,
      [cycleId, consumerGroupId, expectedVersion, userId],
    );
    return row?.version ?? null;
  }

  /** Replaces the group's receipt lines and its members' shares of them. */
  async replaceLines(
    m: EntityManager,
    cycleId: string,
    consumerGroupId: string,
    lines: { offerId: string; received: number }[],
    members: MemberReceiptRow[],
  ): Promise<void> {
    await m.query(`DELETE FROM receipt_lines WHERE cycle_id = $1 AND consumer_group_id = $2`, [
      cycleId,
      consumerGroupId,
    ]);
    await m.query(`DELETE FROM member_receipts WHERE cycle_id = $1 AND consumer_group_id = $2`, [
      cycleId,
      consumerGroupId,
    ]);
    await m.query(
      `INSERT INTO receipt_lines (cycle_id, consumer_group_id, offer_id, received)
       SELECT $1, $2, l.offer_id, l.received FROM unnest($3::uuid[], $4::int[]) AS l(offer_id, received)`,
      [cycleId, consumerGroupId, lines.map((l) => l.offerId), lines.map((l) => l.received)],
    );
    await m.query(
      `INSERT INTO member_receipts (cycle_id, member_id, offer_id, consumer_group_id, received)
       SELECT $1, l.member_id, l.offer_id, $2, l.received
         FROM unnest($3::uuid[], $4::uuid[], $5::int[]) AS l(member_id, offer_id, received)`,
      [
        cycleId,
        consumerGroupId,
        members.map((r) => r.memberId),
        members.map((r) => r.offerId),
        members.map((r) => r.received),
      ],
    );
  }

  /**
   * dispatched → received once every group that a shipment carries goods for has reported;
   * answers the cycle's status after the attempt.
   */
  async moveToReceivedIfComplete(m: EntityManager, cycleId: string): Promise<CycleStatus> {
    await m.query(
      `UPDATE cycles SET status = 'received', received_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'dispatched'
          AND NOT EXISTS (
            SELECT 1 FROM shipment_lines sl
             WHERE sl.cycle_id = $1
               AND NOT EXISTS (SELECT 1 FROM group_receipts gr
                                WHERE gr.cycle_id = $1 AND gr.consumer_group_id = sl.consumer_group_id))`,
      [cycleId],
    );
    const [row] = await m.query(`SELECT status FROM cycles WHERE id = $1`, [cycleId]);
    return row.status;
  }
}
