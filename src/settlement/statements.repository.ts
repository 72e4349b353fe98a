import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CooperativeStatementDto, MemberStatementDto } from './dto/statements.dto';

/** Which lines to read: `null` reads none of that kind, `'all'` every one. */
export interface StatementFilter {
  members: 'all' | { consumerGroupId: string } | { memberId: string } | null;
  cooperatives: 'all' | { cooperativeId: string } | null;
}

@Injectable()
export class StatementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async members(cycleId: string, filter: StatementFilter['members']): Promise<MemberStatementDto[]> {
    if (filter === null) return [];
    const groupId = filter !== 'all' && 'consumerGroupId' in filter ? filter.consumerGroupId : null;
    const memberId = filter !== 'all' && 'memberId' in filter ? filter.memberId : null;
    const rows = await this.dataSource.query(
      // The CO2e of each shipment shared among the members whose goods it carried, by the gross
      // weight loaded for them (allocated units × unit gross kg), as its cost is.
      `WITH carried AS (
         SELECT ma.member_id, sl.shipment_id, sum(ma.allocated * p.unit_gross_kg) AS kg
           FROM member_allocations ma
           JOIN shipment_lines sl
             ON sl.cycle_id = ma.cycle_id AND sl.consumer_group_id = ma.consumer_group_id AND sl.offer_id = ma.offer_id
           JOIN offers o ON o.id = ma.offer_id
           JOIN products p ON p.id = o.product_id
          WHERE ma.cycle_id = $1 AND ($2::uuid IS NULL OR ma.consumer_group_id = $2)
            AND ($3::uuid IS NULL OR ma.member_id = $3)
          GROUP BY ma.member_id, sl.shipment_id
       ), on_board AS (
         SELECT ma.shipment_id, sum(ma.allocated * p.unit_gross_kg) AS kg
           FROM (SELECT m.allocated, m.offer_id, sl.shipment_id
                   FROM member_allocations m
                   JOIN shipment_lines sl
                     ON sl.cycle_id = m.cycle_id AND sl.consumer_group_id = m.consumer_group_id AND sl.offer_id = m.offer_id
                  WHERE m.cycle_id = $1) ma
           JOIN offers o ON o.id = ma.offer_id
           JOIN products p ON p.id = o.product_id
          GROUP BY ma.shipment_id
       ), co2e AS (
         SELECT c.member_id, round(sum(sh.co2e_kg * c.kg / nullif(b.kg, 0)), 3) AS kg
           FROM carried c
           JOIN on_board b ON b.shipment_id = c.shipment_id
           JOIN shipments sh ON sh.id = c.shipment_id
          GROUP BY c.member_id
       )
       SELECT s.member_id AS "memberId", s.consumer_group_id AS "consumerGroupId", s.goods_minor::text AS "goodsMinor",
              s.transport_minor::text AS "transportMinor", s.total_minor::text AS "totalMinor", s.currency,
              coalesce(co2e.kg, 0)::text AS "transportCo2eKg"
         FROM member_statements s
         LEFT JOIN co2e ON co2e.member_id = s.member_id
        WHERE s.cycle_id = $1 AND ($2::uuid IS NULL OR s.consumer_group_id = $2) AND ($3::uuid IS NULL OR s.member_id = $3)
        ORDER BY s.consumer_group_id, s.member_id`,
      [cycleId, groupId, memberId],
    );
    return rows.map((r: Record<string, string>) => ({
      ...r,
      goodsMinor: Number(r.goodsMinor),
      transportMinor: Number(r.transportMinor),
      totalMinor: Number(r.totalMinor),
      transportCo2eKg: Number(r.transportCo2eKg),
    }));
  }

  async cooperatives(
    cycleId: string,
    filter: StatementFilter['cooperatives'],
  ): Promise<CooperativeStatementDto[]> {
    if (filter === null) return [];
    const cooperativeId = filter === 'all' ? null : filter.cooperativeId;
    const rows = await this.dataSource.query(
      `SELECT cooperative_id AS "cooperativeId", due_minor::text AS "dueMinor", currency,
              due_producer_minor::text AS "dueProducerMinor", producer_currency AS "producerCurrency"
         FROM cooperative_statements
        WHERE cycle_id = $1 AND ($2::uuid IS NULL OR cooperative_id = $2)
        ORDER BY cooperative_id`,
      [cycleId, cooperativeId],
    );
    return rows.map((r: Record<string, string>) => ({
      ...r,
      dueMinor: Number(r.dueMinor),
      dueProducerMinor: Number(r.dueProducerMinor),
    }));
  }

  /** The cycle's season and producer currencies, and Σ of its shipments' cost. */
  async cycleFigures(
    cycleId: string,
  ): Promise<{ currency: string; producerCurrency: string; shipmentsCostMinor: number }> {
    const [row] = await this.dataSource.query(
      `SELECT s.currency, pt.currency AS "producerCurrency",
              (SELECT coalesce(sum(cost_minor), 0)::text FROM shipments WHERE cycle_id = c.id) AS "shipmentsCostMinor"
         FROM cycles c JOIN seasons s ON s.id = c.season_id JOIN territories pt ON pt.id = s.producer_territory_id
        WHERE c.id = $1`,
      [cycleId],
    );
    return { ...row, shipmentsCostMinor: Number(row.shipmentsCostMinor) };
  }
}
