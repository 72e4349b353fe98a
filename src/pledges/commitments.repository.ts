import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CommitmentDto, PlanRowDto } from './dto/commitment.dto';

export interface CommitmentFilter {
  month?: string;
  consumerGroupId?: string;
}

/**
 * Collective commitments, group × offer × cycle: the sum of the members' pledges. While a
 * month is open this is the live sum; once the lock stage freezes commitments, a locked
 * cycle's rows are to come from the frozen table instead, by changing this one source (both
 * queries below read commitments only through it). $1 is the season.
 */
const COMMITMENTS_SOURCE = `
  SELECT mp.cycle_id, mp.consumer_group_id, mp.offer_id, sum(mp.quantity)::bigint AS quantity
  FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id
  WHERE c.season_id = $1
  GROUP BY mp.cycle_id, mp.consumer_group_id, mp.offer_id`;

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async commitments(seasonId: string, filter: CommitmentFilter): Promise<CommitmentDto[]> {
    const rows: { consumer_group_id: string; offer_id: string; month: string; quantity: string }[] =
      await this.dataSource.query(
        `WITH commitments AS (${COMMITMENTS_SOURCE})
       SELECT k.consumer_group_id, k.offer_id, c.month, k.quantity
       FROM commitments k JOIN cycles c ON c.id = k.cycle_id
       WHERE k.quantity > 0
         AND ($2::text IS NULL OR c.month = $2)
         AND ($3::uuid IS NULL OR k.consumer_group_id = $3)
       ORDER BY c.month, k.consumer_group_id, k.offer_id`,
        [seasonId, filter.month ?? null, filter.consumerGroupId ?? null],
      );
    return rows.map((row) => ({
      consumerGroupId: row.consumer_group_id,
      offerId: row.offer_id,
      month: row.month,
      quantity: Number(row.quantity),
    }));
  }

  /**
   * The seasonal plan, one row per offer × month: all groups' commitments, the delivery
   * pledge, the capacity and the export cap from the partnership's current charter version.
   */
  async plan(seasonId: string, cooperativeId: string | null): Promise<PlanRowDto[]> {
    const rows: PlanRow[] = await this.dataSource.query(
      `WITH commitments AS (${COMMITMENTS_SOURCE}),
       demand AS (SELECT cycle_id, offer_id, sum(quantity) AS quantity FROM commitments GROUP BY cycle_id, offer_id),
       charter AS (
         SELECT CASE WHEN jsonb_typeof(cv.rules -> 'maxExportShare') = 'number'
                     THEN (cv.rules ->> 'maxExportShare')::numeric END AS max_export_share
         FROM seasons s JOIN charter_versions cv ON cv.partnership_id = s.partnership_id
         WHERE s.id = $1
         ORDER BY cv.version DESC
         LIMIT 1)
       SELECT o.id AS offer_id, o.cooperative_id, o.product_id, c.month,
              coalesce(d.quantity, 0)::bigint AS commitments,
              dp.quantity AS delivery_pledge,
              o.monthly_capacity,
              floor((SELECT max_export_share FROM charter) * o.monthly_capacity)::bigint AS export_cap
       FROM offers o
       JOIN cycles c ON c.season_id = o.season_id
       LEFT JOIN demand d ON d.cycle_id = c.id AND d.offer_id = o.id
       LEFT JOIN delivery_pledges dp ON dp.cycle_id = c.id AND dp.offer_id = o.id
       WHERE o.season_id = $1 AND ($2::uuid IS NULL OR o.cooperative_id = $2)
       ORDER BY c.month, o.created_at, o.id`,
      [seasonId, cooperativeId],
    );
    return rows.map((row) => ({
      offerId: row.offer_id,
      cooperativeId: row.cooperative_id,
      productId: row.product_id,
      month: row.month,
      commitments: Number(row.commitments),
      deliveryPledge: row.delivery_pledge,
      monthlyCapacity: row.monthly_capacity,
      exportCap: row.export_cap === null ? null : Number(row.export_cap),
    }));
  }
}

interface PlanRow {
  offer_id: string;
  cooperative_id: string;
  product_id: string;
  month: string;
  commitments: string;
  delivery_pledge: number | null;
  monthly_capacity: number;
  export_cap: string | null;
}
