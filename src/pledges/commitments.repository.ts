import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CommitmentDto, PlanRowDto } from './dto/commitment.dto';

export interface CommitmentFilter {
  month?: string;
  consumerGroupId?: string;
}

/**
 * Collective commitments, group × offer × cycle: while a month is open, the live sum of the
 * members' pledges (live_commitments, which every pledge PUT moves by its difference in the
 * same transaction, so it is always that sum and a read is a few rows per group and offer,
 * not an aggregate over the month's pledge lines); from lock on, the commitments the lock
 * stage froze. Both queries below read commitments only through this source. $1 is the
 * season; `month` and `group` are the placeholders of the optional filters.
 */
function commitmentsSource(month = 'NULL', group = 'NULL'): string {
  const filters = `c.season_id = $1 AND (${month}::text IS NULL OR c.month = ${month})`;
  return `
  SELECT lc.cycle_id, lc.consumer_group_id, lc.offer_id, lc.quantity
  FROM live_commitments lc JOIN cycles c ON c.id = lc.cycle_id
  WHERE ${filters} AND c.status = 'open' AND (${group}::uuid IS NULL OR lc.consumer_group_id = ${group})
  UNION ALL
  SELECT cc.cycle_id, cc.consumer_group_id, cc.offer_id, cc.quantity::bigint
  FROM collective_commitments cc JOIN cycles c ON c.id = cc.cycle_id
  WHERE ${filters} AND c.status <> 'open' AND (${group}::uuid IS NULL OR cc.consumer_group_id = ${group})`;
}

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async commitments(seasonId: string, filter: CommitmentFilter): Promise<CommitmentDto[]> {
    const rows: { consumer_group_id: string; offer_id: string; month: string; quantity: string }[] =
      await this.dataSource.query(
        `WITH commitments AS (${commitmentsSource('$2', '$3')})
       SELECT k.consumer_group_id, k.offer_id, c.month, k.quantity
       FROM commitments k JOIN cycles c ON c.id = k.cycle_id
       WHERE k.quantity > 0
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
      `WITH commitments AS (${commitmentsSource()}),
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
