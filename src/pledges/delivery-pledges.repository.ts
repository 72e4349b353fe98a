import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeliveryPledgeDto, DeliveryPledgeLineDto } from './dto/delivery-pledge.dto';

export type UpsertOutcome = { kind: 'saved' } | { kind: 'months-not-open'; months: string[] };

@Injectable()
export class DeliveryPledgesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async cooperativeExists(cooperativeId: string): Promise<boolean> {
    return (
      (await this.dataSource.query(`SELECT 1 FROM cooperatives WHERE id = $1`, [cooperativeId])).length > 0
    );
  }

  /** Those of `offerIds` that are the cooperative's offers in the season. */
  async cooperativeOffers(seasonId: string, cooperativeId: string, offerIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM offers WHERE season_id = $1 AND cooperative_id = $2 AND id = ANY($3::uuid[])`,
      [seasonId, cooperativeId, offerIds],
    );
    return rows.map((row) => row.id);
  }

  async seasonMonths(seasonId: string): Promise<string[]> {
    const rows: { month: string }[] = await this.dataSource.query(
      `SELECT month FROM cycles WHERE season_id = $1 ORDER BY month`,
      [seasonId],
    );
    return rows.map((row) => row.month);
  }

  /**
   * Upserts one pledge per (offer, month) line, in one transaction; pledges not named are
   * kept. The months' cycles are locked FOR SHARE and must all still be open, so a pledge
   * cannot change under a cycle that has locked.
   */
  upsert(seasonId: string, cooperativeId: string, lines: DeliveryPledgeLineDto[]): Promise<UpsertOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const months = [...new Set(lines.map((line) => line.month))];
      const cycles: { month: string; open: boolean }[] = await manager.query(
        `SELECT month, status = 'open' AND locks_at > now() AS open
         FROM cycles WHERE season_id = $1 AND month = ANY($2::text[])
         ORDER BY month FOR SHARE`,
        [seasonId, months],
      );
      const notOpen = cycles.filter((row) => !row.open).map((row) => row.month);
      if (notOpen.length > 0) return { kind: 'months-not-open', months: notOpen };
      await manager.query(
        `INSERT INTO delivery_pledges (cycle_id, offer_id, cooperative_id, quantity)
         SELECT c.id, l.offer_id, $2, l.quantity
         FROM unnest($3::uuid[], $4::text[], $5::int[]) AS l(offer_id, month, quantity)
         JOIN cycles c ON c.season_id = $1 AND c.month = l.month
         ON CONFLICT (cycle_id, offer_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()`,
        [
          seasonId,
          cooperativeId,
          lines.map((l) => l.offerId),
          lines.map((l) => l.month),
          lines.map((l) => l.quantity),
        ],
      );
      return { kind: 'saved' };
    });
  }

  async list(seasonId: string, cooperativeId: string): Promise<DeliveryPledgeDto[]> {
    const rows: { offer_id: string; month: string; quantity: number }[] = await this.dataSource.query(
      `SELECT dp.offer_id, c.month, dp.quantity
       FROM delivery_pledges dp JOIN cycles c ON c.id = dp.cycle_id
       WHERE c.season_id = $1 AND dp.cooperative_id = $2
       ORDER BY c.month, dp.offer_id`,
      [seasonId, cooperativeId],
    );
    return rows.map((row) => ({ offerId: row.offer_id, month: row.month, quantity: row.quantity }));
  }
}
