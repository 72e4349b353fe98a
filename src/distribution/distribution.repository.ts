import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withIntegers } from '../common/database/integers';
import type { GroupOfferRow, MemberReceiptRow } from './domain/distribution-list';

/** The group's part of a cycle and its reception report, when it has one. */
export interface GroupReception {
  cycleId: string;
  seasonId: string;
  season: string;
  month: string;
  status: string;
  consumerGroupId: string;
  groupName: string;
  dropPointName: string;
  dropPointAddress: string;
  countryCode: string;
  timeZone: string;
  /** null until the group's coordinator records what arrived. */
  receiptVersion: number | null;
  reportedAt: string | null;
}

@Injectable()
export class DistributionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The cycle as the group enrolled in its season sees it; null when the group is not enrolled. */
  async groupReception(cycleId: string, consumerGroupId: string): Promise<GroupReception | null> {
    const [row] = await this.dataSource.query(
      `SELECT c.id AS "cycleId", c.season_id AS "seasonId", s.name AS season, c.month, c.status,
              g.id AS "consumerGroupId", g.name AS "groupName", g.drop_point_name AS "dropPointName",
              g.drop_point_address AS "dropPointAddress", t.country_code AS "countryCode", t.timezone AS "timeZone",
              gr.version AS "receiptVersion", to_char(gr.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "reportedAt"
         FROM cycles c
         JOIN seasons s ON s.id = c.season_id
         JOIN season_groups sg ON sg.season_id = c.season_id AND sg.consumer_group_id = $2
         JOIN consumer_groups g ON g.id = sg.consumer_group_id
         JOIN territories t ON t.id = g.territory_id
         LEFT JOIN group_receipts gr ON gr.cycle_id = c.id AND gr.consumer_group_id = g.id
        WHERE c.id = $1`,
      [cycleId, consumerGroupId],
    );
    return row ?? null;
  }

  /** The locale the user chose, if any. */
  async userLocale(userId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT locale FROM users WHERE id = $1`, [userId]);
    return row?.locale ?? null;
  }

  /** What the group recorded as arrived, per offer, with the names a person reads. */
  async receivedOffers(cycleId: string, consumerGroupId: string): Promise<GroupOfferRow[]> {
    const rows: GroupOfferRow[] = await this.dataSource.query(
      `SELECT rl.offer_id AS "offerId", p.name AS product, p.unit, co.name AS cooperative,
              o.pack_size AS "packSize", rl.received
         FROM receipt_lines rl
         JOIN offers o ON o.id = rl.offer_id
         JOIN products p ON p.id = o.product_id
         JOIN cooperatives co ON co.id = o.cooperative_id
        WHERE rl.cycle_id = $1 AND rl.consumer_group_id = $2`,
      [cycleId, consumerGroupId],
    );
    return withIntegers(rows, ['packSize', 'received']);
  }

  /** Each member's share of what arrived, beside its allocation. */
  async memberReceipts(cycleId: string, consumerGroupId: string): Promise<MemberReceiptRow[]> {
    const rows: MemberReceiptRow[] = await this.dataSource.query(
      `SELECT mr.member_id AS "memberId", m.name AS "memberName", m.active, mr.offer_id AS "offerId",
              coalesce(ma.allocated, 0) AS allocated, mr.received
         FROM member_receipts mr
         JOIN members m ON m.id = mr.member_id
         LEFT JOIN member_allocations ma
           ON ma.cycle_id = mr.cycle_id AND ma.member_id = mr.member_id AND ma.offer_id = mr.offer_id
        WHERE mr.cycle_id = $1 AND mr.consumer_group_id = $2`,
      [cycleId, consumerGroupId],
    );
    return withIntegers(rows, ['allocated', 'received']);
  }
}
