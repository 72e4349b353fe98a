import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../common/database/prepared';
import type { Actor } from '../common/auth/actor';
import {
  SEASON_FACTS_SQL,
  toSeasonFacts,
  type SeasonFacts,
  type SeasonFactsRow,
} from '../seasons/seasons.repository';
import type { CommitmentDto, LiveDemandDto, PlanRowDto } from './dto/commitment.dto';

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
 * season; `month` and `group` are the placeholders of the optional filters, and a filter not
 * given is left out of the text rather than written `$n IS NULL OR …`: the hot read is a
 * prepared statement, and PostgreSQL's generic plan for `$n IS NULL OR col = $n` cannot use an
 * index, so it fell back to planning every call once the tables had statistics
 * (docs/PERFORMANCE.md). One statement per filter shape keeps each generic plan on the index.
 */
function commitmentsSource(month: string | null = null, group: string | null = null): string {
  const filters = ['c.season_id = $1', ...(month ? [`c.month = ${month}`] : [])].join(' AND ');
  const live = group ? ` AND lc.consumer_group_id = ${group}` : '';
  const frozen = group ? ` AND cc.consumer_group_id = ${group}` : '';
  return `
  SELECT lc.cycle_id, lc.consumer_group_id, lc.offer_id, lc.quantity
  FROM live_commitments lc JOIN cycles c ON c.id = lc.cycle_id
  WHERE ${filters} AND c.status = 'open'${live}
  UNION ALL
  SELECT cc.cycle_id, cc.consumer_group_id, cc.offer_id, cc.quantity::bigint
  FROM collective_commitments cc JOIN cycles c ON c.id = cc.cycle_id
  WHERE ${filters} AND c.status <> 'open'${frozen}`;
}

/** maxExportShare of the current charter version of season $1's partnership (null: no such rule). */
const CURRENT_EXPORT_SHARE_SQL = `
  SELECT CASE WHEN jsonb_typeof(cv.rules -> 'maxExportShare') = 'number'
              THEN (cv.rules ->> 'maxExportShare')::numeric END AS max_export_share
  FROM seasons s JOIN charter_versions cv ON cv.partnership_id = s.partnership_id
  WHERE s.id = $1
  ORDER BY cv.version DESC
  LIMIT 1`;

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The commitments and the season's facts for the actor (which decide whether it may read
   * them), in one round trip: on a hot read a round trip is most of the cost.
   */
  async withSeasonFacts(
    seasonId: string,
    actor: Actor,
    filter: CommitmentFilter,
  ): Promise<{ facts: SeasonFacts | null; items: CommitmentDto[] }> {
    const values: unknown[] = [
      seasonId,
      actor.consumerGroupId,
      actor.cooperativeId,
      actor.transportOrganiserId,
    ];
    const placeholder = (value: string | undefined) =>
      value === undefined ? null : `$${values.push(value)}`;
    const month = placeholder(filter.month);
    const group = placeholder(filter.consumerGroupId);
    const [row] = await preparedQuery<{ facts: SeasonFactsRow | null; items: CommitmentDto[] }>(
      this.dataSource,
      `commitments-with-season-facts${month ? '-month' : ''}${group ? '-group' : ''}`,
      `WITH facts AS (${SEASON_FACTS_SQL}),
            commitments AS (${commitmentsSource(month, group)})
       SELECT (SELECT row_to_json(f) FROM facts f) AS facts,
              coalesce((
                SELECT json_agg(json_build_object('consumerGroupId', k.consumer_group_id, 'offerId', k.offer_id,
                                                  'month', c.month, 'quantity', k.quantity)
                                ORDER BY c.month, k.consumer_group_id, k.offer_id)
                  FROM commitments k JOIN cycles c ON c.id = k.cycle_id
                 WHERE k.quantity > 0), '[]'::json) AS items`,
      values,
    );
    return { facts: row.facts ? toSeasonFacts(row.facts) : null, items: row.items };
  }

  /**
   * Per open month and offer, the live demand of all groups (and of `consumerGroupId` within
   * it) against the export cap of the partnership's current charter.
   */
  async liveDemand(seasonId: string, consumerGroupId: string | null): Promise<LiveDemandDto[]> {
    const rows: LiveDemandRow[] = await this.dataSource.query(
      `WITH charter AS (${CURRENT_EXPORT_SHARE_SQL})
       SELECT c.id AS cycle_id, c.month, o.id AS offer_id,
              coalesce(sum(lc.quantity), 0)::bigint AS demand,
              coalesce(sum(lc.quantity) FILTER (WHERE lc.consumer_group_id = $2::uuid), 0)::bigint AS group_quantity,
              o.monthly_capacity,
              floor((SELECT max_export_share FROM charter) * o.monthly_capacity)::bigint AS export_cap
       FROM cycles c
       JOIN offers o ON o.season_id = c.season_id
       LEFT JOIN live_commitments lc ON lc.cycle_id = c.id AND lc.offer_id = o.id
       WHERE c.season_id = $1 AND c.status = 'open'
       GROUP BY c.id, c.month, o.id
       ORDER BY c.month, o.created_at, o.id`,
      [seasonId, consumerGroupId],
    );
    return rows.map((row) => {
      const demand = Number(row.demand);
      const exportCap = row.export_cap === null ? null : Number(row.export_cap);
      return {
        cycleId: row.cycle_id,
        month: row.month,
        offerId: row.offer_id,
        demand,
        groupQuantity: consumerGroupId === null ? null : Number(row.group_quantity),
        monthlyCapacity: row.monthly_capacity,
        exportCap,
        overCap: exportCap !== null && demand > exportCap,
      };
    });
  }

  /**
   * The seasonal plan, one row per offer × month: all groups' commitments, the delivery
   * pledge, the capacity and the export cap from the partnership's current charter version.
   */
  async plan(seasonId: string, cooperativeId: string | null): Promise<PlanRowDto[]> {
    const rows: PlanRow[] = await this.dataSource.query(
      `WITH commitments AS (${commitmentsSource()}),
       demand AS (SELECT cycle_id, offer_id, sum(quantity) AS quantity FROM commitments GROUP BY cycle_id, offer_id),
       charter AS (${CURRENT_EXPORT_SHARE_SQL})
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

interface LiveDemandRow {
  cycle_id: string;
  month: string;
  offer_id: string;
  demand: string;
  group_quantity: string;
  monthly_capacity: number;
  export_cap: string | null;
}
