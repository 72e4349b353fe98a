import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { packagesSql } from './packages.sql';
import { withIntegers } from '../common/database/integers';

export interface DemandLine {
  offerId: string;
  cooperativeId: string;
  quantity: number;
  packages: number;
  confirmed: number | null;
  /** units allocated to the groups; null until the cycle is allocated */
  allocated: number | null;
}

export interface AllocationLine {
  consumerGroupId: string;
  memberId: string;
  offerId: string;
  pledged: number;
  allocated: number;
  /** the member's share of what its group reported received; null until the group reports */
  received: number | null;
}

export interface LoadingLine {
  cooperativeId: string;
  offerId: string;
  consumerGroupId: string;
  units: number;
  packages: number;
  netKg: number;
  grossKg: number;
}

/** Read models of a cycle past lock: demand, allocations, loading list. */
@Injectable()
export class CycleViewsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Demand per offer (packages counted per group, never mixing groups), optionally of one cooperative. */
  /** Each offer's demand, packages and confirmation; with `allocated`, what the groups got of it. */
  async demand(cycleId: string, cooperativeId: string | null, allocated: boolean): Promise<DemandLine[]> {
    const rows: DemandLine[] = await this.dataSource.query(
      `SELECT co.offer_id AS "offerId", co.cooperative_id AS "cooperativeId", co.demand AS quantity,
              coalesce(sum(${packagesSql('cc.quantity', 'o.pack_size')}), 0)::bigint AS packages,
              co.confirmed,
              CASE WHEN $3::boolean THEN (SELECT coalesce(sum(ga.allocated), 0) FROM group_allocations ga
                                  WHERE ga.cycle_id = $1 AND ga.offer_id = co.offer_id) END AS allocated
         FROM cycle_offers co
         JOIN offers o ON o.id = co.offer_id
         LEFT JOIN collective_commitments cc ON cc.cycle_id = co.cycle_id AND cc.offer_id = co.offer_id
        WHERE co.cycle_id = $1 AND ($2::uuid IS NULL OR co.cooperative_id = $2)
        GROUP BY co.offer_id, co.cooperative_id, co.demand, co.confirmed
        ORDER BY co.cooperative_id, co.offer_id`,
      [cycleId, cooperativeId, allocated],
    );
    return withIntegers(rows, ['quantity', 'packages', 'confirmed', 'allocated']);
  }

  /** The group a member belongs to; null for no such member. */
  async memberGroupId(memberId: string): Promise<string | null> {
    const rows: { consumer_group_id: string }[] = await this.dataSource.query(
      `SELECT consumer_group_id FROM members WHERE id = $1`,
      [memberId],
    );
    return rows[0]?.consumer_group_id ?? null;
  }

  async allocations(
    cycleId: string,
    filter: { consumerGroupId: string | null; memberId: string | null },
    limit: number,
    offset: number,
  ): Promise<{ items: AllocationLine[]; total: number }> {
    // A member's lines are found through its group (the primary key's prefix), read from its pledges.
    const where = `ma.cycle_id = $1 AND ($2::uuid IS NULL OR ma.consumer_group_id = $2)
      AND ($3::uuid IS NULL OR (ma.member_id = $3 AND ma.consumer_group_id IN (
        SELECT consumer_group_id FROM member_pledges WHERE cycle_id = $1 AND member_id = $3)))`;
    const params = [cycleId, filter.consumerGroupId, filter.memberId];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        // Received: the member's share of the group's report (a line allocated nothing has no
        // share: 0 once the group has reported); null before the report.
        `SELECT ma.consumer_group_id AS "consumerGroupId", ma.member_id AS "memberId", ma.offer_id AS "offerId",
                ma.pledged, ma.allocated,
                CASE WHEN gr.cycle_id IS NULL THEN NULL ELSE coalesce(mr.received, 0) END AS received
           FROM member_allocations ma
           LEFT JOIN group_receipts gr ON gr.cycle_id = ma.cycle_id AND gr.consumer_group_id = ma.consumer_group_id
           LEFT JOIN member_receipts mr
             ON mr.cycle_id = ma.cycle_id AND mr.member_id = ma.member_id AND mr.offer_id = ma.offer_id
          WHERE ${where}
          ORDER BY ma.consumer_group_id, ma.member_id, ma.offer_id LIMIT $4 OFFSET $5`,
        [...params, limit, offset],
      ),
      this.dataSource.query(
        `SELECT count(*)::integer AS total FROM member_allocations ma WHERE ${where}`,
        params,
      ),
    ]);
    return { items, total };
  }

  async loadingList(cycleId: string, cooperativeId: string | null) {
    const [head] = await this.dataSource.query(
      `SELECT to_char(c.loading_date, 'YYYY-MM-DD') AS "loadingDate",
              json_build_object('id', pp.id, 'name', pp.name, 'address', pp.address,
                                'latitude', pp.latitude, 'longitude', pp.longitude) AS "pickupPoint"
         FROM cycles c JOIN seasons s ON s.id = c.season_id JOIN pickup_points pp ON pp.id = s.pickup_point_id
        WHERE c.id = $1`,
      [cycleId],
    );
    const rows: LoadingLine[] = await this.dataSource.query(
      `SELECT cooperative_id AS "cooperativeId", offer_id AS "offerId", consumer_group_id AS "consumerGroupId",
              units, packages, net_kg::float8 AS "netKg", gross_kg::float8 AS "grossKg"
         FROM loading_list_lines
        WHERE cycle_id = $1 AND ($2::uuid IS NULL OR cooperative_id = $2)
        ORDER BY cooperative_id, offer_id, consumer_group_id`,
      [cycleId, cooperativeId],
    );
    const [totals] = await this.dataSource.query(
      `SELECT coalesce(sum(units), 0)::bigint AS units, coalesce(sum(packages), 0)::bigint AS packages,
              coalesce(sum(net_kg), 0)::float8 AS "netKg", coalesce(sum(gross_kg), 0)::float8 AS "grossKg"
         FROM loading_list_lines
        WHERE cycle_id = $1 AND ($2::uuid IS NULL OR cooperative_id = $2)`,
      [cycleId, cooperativeId],
    );
    return {
      pickupPoint: head.pickupPoint,
      loadingDate: head.loadingDate,
      lines: withIntegers(rows, ['units', 'packages']),
      totals: withIntegers([totals as LoadingLine], ['units', 'packages'])[0],
    };
  }
}
