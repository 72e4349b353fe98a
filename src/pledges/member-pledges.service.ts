import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertReach, reachOf } from '../common/auth/ownership';
import { MONTH_PATTERN } from '../common/validation/validators';
import { SeasonAccess } from '../seasons/season-access';
import type { MemberPledgeDto, PutMemberPledgesDto } from './dto/member-pledge.dto';
import { MemberPledgesRepository, type PledgeTarget, type PutFacts } from './member-pledges.repository';
import { firstDuplicate, unknownOffers } from './domain/pledge-lines';

@Injectable()
export class MemberPledgesService {
  constructor(
    private readonly pledges: MemberPledgesRepository,
    private readonly access: SeasonAccess,
  ) {}

  /**
   * PUT …/pledges (every month still open) or …/pledges/:month (that month, which must be
   * open). The checks, in this order: the month's form (400), the season, which must exist and,
   * but for an admin, be one the actor's group takes part in (404), the member within the
   * actor's reach (404), its group enrolled (422, for an admin), the lines (400). One round
   * trip when they all hold: the database writes only then, else it answers the facts they are
   * decided on (and a refusal asks whether the actor takes part in the season, see refusal).
   */
  async replace(
    actor: Actor,
    seasonId: string,
    memberId: string,
    target: PledgeTarget,
    dto: PutMemberPledgesDto,
  ): Promise<MemberPledgeDto[]> {
    if (target.kind === 'month' && !MONTH_PATTERN.test(target.month))
      throw new BadRequestException('month must be a month as YYYY-MM');
    const offerIds = dto.lines.map((line) => line.offerId);
    const outcome = await this.pledges.put({
      seasonId,
      memberId,
      target,
      lines: dto.lines,
      write: firstDuplicate(offerIds) < 0,
      reach: reachOf(actor),
    });
    switch (outcome.kind) {
      case 'refused':
        return refuse(actor, memberId, offerIds, outcome.facts, await this.takesPart(actor, seasonId));
      case 'no-such-month':
        throw new NotFoundException(
          `month ${target.kind === 'month' ? target.month : ''} is not a month of this season`,
        );
      case 'month-not-open':
        throw new UnprocessableEntityException(
          `the ${target.kind === 'month' ? target.month : ''} cycle is no longer open for pledges`,
        );
      case 'no-open-month':
        throw new UnprocessableEntityException('no month of this season is still open for pledges');
      case 'replaced':
        return outcome.pledges;
    }
  }

  /** 404 for a season the actor takes no part in, as for one that does not exist; then the member. */
  async list(actor: Actor, seasonId: string, memberId: string): Promise<MemberPledgeDto[]> {
    await this.access.readable(actor, seasonId);
    await this.reachMember(actor, memberId);
    return this.pledges.list(seasonId, memberId);
  }

  /**
   * Whether the actor may read the season (SeasonAccess): asked on every refusal, whether or
   * not the season exists, so that a season of others and an id naming none cost the same
   * queries and answer the same 404.
   */
  private takesPart(actor: Actor, seasonId: string): Promise<boolean> {
    return this.access.canRead(actor, seasonId);
  }

  /** The member's group; 404 when there is no such member or it is not the actor's (or its group's). */
  private async reachMember(actor: Actor, memberId: string): Promise<string> {
    const consumerGroupId = await this.pledges.memberGroup(memberId);
    assertReach(actor, consumerGroupId ? { memberId, consumerGroupId } : null, 'member');
    return consumerGroupId!;
  }
}

/**
 * The 4xx of a PUT the database refused, from the facts it read, in the order of the checks.
 * The database applies the same rules (reachOf is canReach's rule), so one of them fails here;
 * should none, the answer is still a refusal: 404, as for a record out of reach.
 */
function refuse(
  actor: Actor,
  memberId: string,
  offerIds: string[],
  facts: PutFacts,
  takesPart: boolean,
): never {
  // A season of which the actor is no part is answered as one that does not exist (F6): for
  // an actor whose own member it is, "not enrolled" would tell that the season exists.
  if (!facts.seasonExists || !takesPart) throw new NotFoundException('season not found');
  assertReach(
    actor,
    facts.consumerGroupId ? { memberId, consumerGroupId: facts.consumerGroupId } : null,
    'member',
  );
  // Within reach, so the caller may know: the member left (its history stays readable).
  if (facts.memberActive === false) {
    throw new UnprocessableEntityException('this member has left its group: nobody pledges for it any more');
  }
  if (!facts.enrolled) {
    throw new UnprocessableEntityException("the member's consumer group is not enrolled in this season");
  }
  checkLines(offerIds, facts.seasonOfferIds);
  throw new NotFoundException('member not found');
}

/** 400 naming the first line given twice, or every line whose offer is not of the season. */
function checkLines(offerIds: string[], seasonOfferIds: string[]): void {
  const duplicate = firstDuplicate(offerIds);
  if (duplicate >= 0)
    throw new BadRequestException(`lines.${duplicate}.offerId: offer ${offerIds[duplicate]} is given twice`);
  const unknown = unknownOffers(offerIds, seasonOfferIds);
  if (unknown.length > 0) {
    throw new BadRequestException(
      unknown.map((i) => `lines.${i}.offerId: ${offerIds[i]} is not an offer of this season`).join('; '),
    );
  }
}
