import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Reach } from '../common/auth/ownership';
import { preparedQuery } from '../common/database/prepared';
import type { MemberPledgeDto } from './dto/member-pledge.dto';

export interface PledgeLine {
  offerId: string;
  quantity: number;
}

interface PutRow {
  outcome: string;
  month: string | null;
  offer_id: string | null;
  quantity: number | null;
  season_exists: boolean | null;
  consumer_group_id: string | null;
  enrolled: boolean | null;
  known_offers: string[] | null;
  member_active: boolean | null;
}

/** What the checks of a refused PUT are decided on, read before anything is written. */
export interface PutFacts {
  seasonExists: boolean;
  /** null: no such member */
  consumerGroupId: string | null;
  enrolled: boolean;
  /** false for a member who left its group (null: no such member) */
  memberActive: boolean | null;
  /** Those of the offers given that are the season's */
  seasonOfferIds: string[];
}

/** Which months a PUT replaces: every month still open, or one month. */
export type PledgeTarget = { kind: 'standing' } | { kind: 'month'; month: string };

export type PutOutcome =
  | { kind: 'refused'; facts: PutFacts }
  | { kind: 'replaced'; pledges: MemberPledgeDto[] }
  | { kind: 'no-such-month' }
  | { kind: 'month-not-open' }
  | { kind: 'no-open-month' };

export interface PutRequest {
  seasonId: string;
  memberId: string;
  target: PledgeTarget;
  lines: PledgeLine[];
  /** false: read the facts only (the caller already knows the lines are refused) */
  write: boolean;
  /** The actor's reach (reachOf): the member must be within it for the write */
  reach: Reach;
}

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
   * A pledge PUT in one round trip: one call of put_member_pledges (migration 1763800016000).
   * It locks the member row (concurrent PUTs for one member run one after the other and the
   * last one wins whole) and reads the facts the checks need. When they all hold (the season,
   * the member within `reach` and still in its group, its group enrolled, every offer the
   * season's) and `write` is set, it locks the target cycles FOR SHARE (the lock stage cannot lock a month between our
   * check that it is open and our commit), writes the lines that change, moves the group's live
   * commitments by exactly that difference, and answers the member's pledges in the season.
   * Otherwise nothing is written and the facts come back ('refused') for the service to choose
   * its 4xx.
   */
  async put(request: PutRequest): Promise<PutOutcome> {
    const { seasonId, memberId, target, lines, write, reach } = request;
    const rows = await preparedQuery<PutRow>(
      this.dataSource,
      'pledge-put',
      `SELECT outcome, month, offer_id, quantity, season_exists, consumer_group_id, enrolled, known_offers, member_active
         FROM put_member_pledges($1, $2, $3, $4::uuid[], $5::int[], $6, $7, $8, $9)`,
      [
        seasonId,
        memberId,
        target.kind === 'month' ? target.month : null,
        lines.map((l) => l.offerId),
        lines.map((l) => l.quantity),
        write,
        reach.all,
        reach.consumerGroupId,
        reach.memberId,
      ],
    );
    const [first] = rows;
    const outcome = first?.outcome ?? 'replaced';
    if (outcome === 'refused') {
      return {
        kind: 'refused',
        facts: {
          seasonExists: first.season_exists!,
          consumerGroupId: first.consumer_group_id,
          enrolled: first.enrolled!,
          memberActive: first.member_active,
          seasonOfferIds: first.known_offers!,
        },
      };
    }
    if (outcome !== 'replaced') return { kind: outcome } as PutOutcome;
    return {
      kind: 'replaced',
      pledges: rows.map((row) => ({ month: row.month!, offerId: row.offer_id!, quantity: row.quantity! })),
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
