import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { safeInteger } from '../common/database/integers';
import { returningRows } from '../common/database/returning';

export interface ConfirmationState {
  version: number;
  confirmedAt: Date | null;
}

export interface ConfirmationView extends ConfirmationState {
  confirmedBy: string | null;
  lines: { offerId: string; quantity: number }[];
}

@Injectable()
export class ConfirmationsRepository {
  /** The cooperative's confirmation row, locked for the transaction; null when it was not asked. */
  /** The cycle's status, its row held (FOR SHARE) so that no stage moves it until the commit. */
  async statusForShare(m: EntityManager, cycleId: string): Promise<string> {
    const [{ status }] = await m.query('SELECT status FROM cycles WHERE id = $1 FOR SHARE', [cycleId]);
    return status;
  }

  async lockState(
    m: EntityManager,
    cycleId: string,
    cooperativeId: string,
  ): Promise<ConfirmationState | null> {
    const [row] = await m.query(
      `SELECT version, confirmed_at AS "confirmedAt" FROM cooperative_confirmations
        WHERE cycle_id = $1 AND cooperative_id = $2 FOR UPDATE`,
      [cycleId, cooperativeId],
    );
    return row ?? null;
  }

  /** Demand of the cooperative's offers in the cycle, by offer id. */
  async demandByOffer(
    m: EntityManager,
    cycleId: string,
    cooperativeId: string,
  ): Promise<Map<string, number>> {
    const rows: { offerId: string; demand: string }[] = await m.query(
      `SELECT offer_id AS "offerId", demand FROM cycle_offers WHERE cycle_id = $1 AND cooperative_id = $2`,
      [cycleId, cooperativeId],
    );
    return new Map(rows.map((row) => [row.offerId, safeInteger(row.demand, 'demand')]));
  }

  /**
   * Stores the confirmed quantities and bumps the version, only if the version is still the
   * one the caller read: 0 rows means someone confirmed in between (409).
   */
  async confirm(
    m: EntityManager,
    cycleId: string,
    cooperativeId: string,
    expectedVersion: number,
    userId: string,
    lines: { offerId: string; quantity: number }[],
  ): Promise<number | null> {
    const [row] = await returningRows<{ version: number }>(
      m,
      `UPDATE cooperative_confirmations
          SET version = version + 1, confirmed_at = now(), confirmed_by = $4
        WHERE cycle_id = $1 AND cooperative_id = $2 AND version = $3
      RETURNING version`,
      [cycleId, cooperativeId, expectedVersion, userId],
    );
    if (!row) return null;
    await m.query(
      `UPDATE cycle_offers co SET confirmed = l.quantity
         FROM unnest($3::uuid[], $4::int[]) AS l(offer_id, quantity)
        WHERE co.cycle_id = $1 AND co.cooperative_id = $2 AND co.offer_id = l.offer_id`,
      [cycleId, cooperativeId, lines.map((l) => l.offerId), lines.map((l) => l.quantity)],
    );
    return row.version;
  }

  /** The confirmation as a cooperative last left it; null when it was not asked to confirm. */
  async current(cycleId: string, cooperativeId: string, m: EntityManager): Promise<ConfirmationView | null> {
    const [row] = await m.query(
      `SELECT cc.version, cc.confirmed_at AS "confirmedAt", u.email AS "confirmedBy",
              (SELECT coalesce(json_agg(json_build_object('offerId', co.offer_id, 'quantity', co.confirmed)
                                        ORDER BY co.offer_id) FILTER (WHERE co.confirmed IS NOT NULL), '[]')
                 FROM cycle_offers co WHERE co.cycle_id = cc.cycle_id AND co.cooperative_id = cc.cooperative_id) AS lines
         FROM cooperative_confirmations cc LEFT JOIN users u ON u.id = cc.confirmed_by
        WHERE cc.cycle_id = $1 AND cc.cooperative_id = $2`,
      [cycleId, cooperativeId],
    );
    return row ?? null;
  }
}
