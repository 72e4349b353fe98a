import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returningRows } from '../common/database/returning';
import type {
  CooperativeStatement,
  MemberStatement,
  SettlementLine,
  SettlementShipment,
} from './domain/settlement';

export interface SettlementContext {
  seasonId: string;
  currency: string;
  producerCurrency: string;
  /** Decimal text, as stored (numeric(20,10)). */
  exchangeRate: string;
}

export interface SettlementRows {
  lines: (SettlementLine & { consumerGroupId: string })[];
  shipments: SettlementShipment[];
}

/** bigint and numeric come back from the driver as text; these hold values that fit a number. */
function count(text: string | number, what: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a safe integer: ${text}`);
  return value;
}

@Injectable()
export class SettlementRepository {
  /** received → settled; null when the cycle is not `received` (already settled, or not yet). */
  async moveToSettled(m: EntityManager, cycleId: string): Promise<SettlementContext | null> {
    const [row] = await returningRows<SettlementContext>(
      m,
      `UPDATE cycles c SET status = 'settled', settled_at = now(), updated_at = now()
         FROM seasons s JOIN territories pt ON pt.id = s.producer_territory_id
        WHERE c.id = $1 AND c.status = 'received' AND s.id = c.season_id
      RETURNING c.season_id AS "seasonId", s.currency, pt.currency AS "producerCurrency",
                s.exchange_rate::text AS "exchangeRate"`,
      [cycleId],
    );
    return row ?? null;
  }

  /**
   * Every member's receipt line with its price, cooperative and unit gross weight, the shipment
   * that carried the group's line of that offer (null if none did), and the units loaded for
   * the member (its allocation), which its transport share is weighed on.
   */
  async rows(m: EntityManager, cycleId: string): Promise<SettlementRows> {
    const lines: {
      memberId: string;
      consumerGroupId: string;
      offerId: string;
      cooperativeId: string;
      receivedUnits: number;
      unitPriceMinor: string;
      unitGrossKg: string;
      shipmentId: string | null;
      shippedUnits: number;
    }[] = await m.query(
      `SELECT mr.member_id AS "memberId", mr.consumer_group_id AS "consumerGroupId", mr.offer_id AS "offerId",
              o.cooperative_id AS "cooperativeId", mr.received AS "receivedUnits",
              o.unit_price_minor::text AS "unitPriceMinor", p.unit_gross_kg::text AS "unitGrossKg",
              sl.shipment_id AS "shipmentId", coalesce(ma.allocated, mr.received) AS "shippedUnits"
         FROM member_receipts mr
         JOIN offers o ON o.id = mr.offer_id
         JOIN products p ON p.id = o.product_id
         LEFT JOIN shipment_lines sl
           ON sl.cycle_id = mr.cycle_id AND sl.consumer_group_id = mr.consumer_group_id AND sl.offer_id = mr.offer_id
         LEFT JOIN member_allocations ma
           ON ma.cycle_id = mr.cycle_id AND ma.member_id = mr.member_id AND ma.offer_id = mr.offer_id
        WHERE mr.cycle_id = $1`,
      [cycleId],
    );
    const shipments: { shipmentId: string; costMinor: string }[] = await m.query(
      `SELECT id AS "shipmentId", cost_minor::text AS "costMinor" FROM shipments WHERE cycle_id = $1`,
      [cycleId],
    );
    return {
      lines: lines.map((line) => ({
        ...line,
        unitPriceMinor: count(line.unitPriceMinor, `unit price of offer ${line.offerId}`),
        unitGrossKg: Number(line.unitGrossKg),
        // A line that travelled on no shipment carries no transport share.
        shippedUnits: line.shipmentId === null ? line.receivedUnits : line.shippedUnits,
      })),
      shipments: shipments.map((s) => ({
        shipmentId: s.shipmentId,
        costMinor: count(s.costMinor, `cost of shipment ${s.shipmentId}`),
      })),
    };
  }

  async insertMemberStatements(
    m: EntityManager,
    cycleId: string,
    currency: string,
    statements: (MemberStatement & { consumerGroupId: string })[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO member_statements
              (cycle_id, member_id, consumer_group_id, goods_minor, transport_minor, total_minor, currency)
       SELECT $1, s.member_id, s.consumer_group_id, s.goods, s.transport, s.total, $2
         FROM unnest($3::uuid[], $4::uuid[], $5::bigint[], $6::bigint[], $7::bigint[])
              AS s(member_id, consumer_group_id, goods, transport, total)
       ON CONFLICT DO NOTHING`,
      [
        cycleId,
        currency,
        statements.map((s) => s.memberId),
        statements.map((s) => s.consumerGroupId),
        statements.map((s) => s.goodsMinor),
        statements.map((s) => s.transportMinor),
        statements.map((s) => s.totalMinor),
      ],
    );
    // Read next in this transaction by the statement.ready messages: planned with the rows known.
    await m.query('ANALYZE member_statements');
  }

  async insertCooperativeStatements(
    m: EntityManager,
    cycleId: string,
    statements: CooperativeStatement[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO cooperative_statements
              (cycle_id, cooperative_id, due_minor, currency, due_producer_minor, producer_currency)
       SELECT $1, s.cooperative_id, s.due, s.currency, s.due_producer, s.producer_currency
         FROM unnest($2::uuid[], $3::bigint[], $4::text[], $5::bigint[], $6::text[])
              AS s(cooperative_id, due, currency, due_producer, producer_currency)
       ON CONFLICT DO NOTHING`,
      [
        cycleId,
        statements.map((s) => s.cooperativeId),
        statements.map((s) => s.dueMinor),
        statements.map((s) => s.currency),
        statements.map((s) => s.dueProducerMinor),
        statements.map((s) => s.producerCurrency),
      ],
    );
  }
}
