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
      `SELECT member_id AS "memberId", consumer_group_id AS "consumerGroupId", goods_minor::text AS "goodsMinor",
              transport_minor::text AS "transportMinor", total_minor::text AS "totalMinor", currency
         FROM member_statements
        WHERE cycle_id = $1 AND ($2::uuid IS NULL OR consumer_group_id = $2) AND ($3::uuid IS NULL OR member_id = $3)
        ORDER BY consumer_group_id, member_id`,
      [cycleId, groupId, memberId],
    );
    return rows.map((r: Record<string, string>) => ({
      ...r,
      goodsMinor: Number(r.goodsMinor),
      transportMinor: Number(r.transportMinor),
      totalMinor: Number(r.totalMinor),
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
