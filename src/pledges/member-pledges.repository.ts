import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../common/database/prepared';
import type { MemberPledgeDto } from './dto/member-pledge.dto';

export interface PledgeLine {
  offerId: string;
  quantity: number;
}

interface PutFactsRow {
  season_exists: boolean;
  consumer_group_id: string | null;
  enrolled: boolean;
  offers: string[];
}

interface ReplaceRow {
  outcome: string;
  month: string;
  offer_id: string;
  quantity: number;
}

export interface PutFacts {
  seasonExists: boolean;
  /** null: no such member */
  consumerGroupId: string | null;
  enrolled: boolean;
  seasonOfferIds: string[];
}

/** Which months a PUT replaces: every month still open, or one month. */
export type PledgeTarget = { kind: 'standing' } | { kind: 'month'; month: string };

export type ReplaceOutcome =
  | { kind: 'replaced'; pledges: MemberPledgeDto[] }
  | { kind: 'no-such-member' }
  | { kind: 'no-such-month' }
  | { kind: 'month-not-open' }
  | { kind: 'no-open-month' };

@Injectable()
export class MemberPledgesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The member's group, or null when there is no such member. */
  async memberGroup(memberId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT consumer_group_id FROM members WHERE id = $1`, [
      memberId,
    ]);
    return row?.consumer_group_id ?? null;
  }

  /**
   * Everything a pledge PUT checks before writing, in one round trip: whether the season
   * exists, the member's group (null: no such member), whether that group is enrolled, and
   * which of `offerIds` are offers of the season.
   */
  async putFacts(seasonId: string, memberId: string, offerIds: string[]): Promise<PutFacts> {
    const [row] = await preparedQuery<PutFactsRow>(
      this.dataSource,
      'pledge-put-facts',
      `SELECT EXISTS (SELECT 1 FROM seasons WHERE id = $1) AS season_exists,
              m.consumer_group_id,
              EXISTS (SELECT 1 FROM season_groups WHERE season_id = $1 AND consumer_group_id = m.consumer_group_id)
                AS enrolled,
              ARRAY(SELECT id FROM offers WHERE season_id = $1 AND id = ANY($3::uuid[]))::text[] AS offers
         FROM (SELECT 1) one LEFT JOIN members m ON m.id = $2`,
      [seasonId, memberId, offerIds],
    );
    return {
      seasonExists: row.season_exists,
      consumerGroupId: row.consumer_group_id,
      enrolled: row.enrolled,
      seasonOfferIds: row.offers,
    };
  }

  /**
   * Replaces the member's lines in the target months: one call of replace_member_pledges
   * (migration 1763800009100), one round trip. It locks the member row (concurrent PUTs for
   * one member run one after the other and the last one wins whole) and the target cycles FOR
   * SHARE (the lock stage cannot lock a month between our check that it is open and our
   * commit), then writes the lines, moves the group's live commitments by exactly what the
   * member changed, and answers the member's pledges in the season.
   */
  async replace(
    seasonId: string,
    memberId: string,
    target: PledgeTarget,
    lines: PledgeLine[],
  ): Promise<ReplaceOutcome> {
    const rows = await preparedQuery<ReplaceRow>(
      this.dataSource,
      'pledge-replace',
      `SELECT outcome, month, offer_id, quantity FROM replace_member_pledges($1, $2, $3, $4::uuid[], $5::int[])`,
      [
        memberId,
        seasonId,
        target.kind === 'month' ? target.month : null,
        lines.map((l) => l.offerId),
        lines.map((l) => l.quantity),
      ],
    );
    const outcome = rows[0]?.outcome ?? 'replaced';
    if (outcome !== 'replaced') return { kind: outcome } as ReplaceOutcome;
    return {
      kind: 'replaced',
      pledges: rows.map((row) => ({ month: row.month, offerId: row.offer_id, quantity: row.quantity })),
    };
  }

  async list(seasonId: string, memberId: string): Promise<MemberPledgeDto[]> {
    const rows: { month: string; offer_id: string; quantity: number }[] = await this.dataSource.query(
      `SELECT c.month, mp.offer_id, mp.quantity
       FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id
       WHERE c.season_id = $1 AND mp.member_id = $2
       ORDER BY c.month, mp.offer_id`,
      [seasonId, memberId],
    );
    return rows.map((row) => ({ month: row.month, offerId: row.offer_id, quantity: row.quantity }));
  }
}
