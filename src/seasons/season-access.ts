import { Injectable, NotFoundException } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertReach, canReach, type Owners } from '../common/auth/ownership';
import { SeasonsRepository, type SeasonFacts } from './seasons.repository';

/**
 * Who may read a season: an admin; the coordinators and members of an enrolled group; the
 * cooperatives with an offer in it; the transport organisers that carry for it. Everyone else
 * gets 404, as for any other organisation's record.
 */
@Injectable()
export class SeasonAccess {
  constructor(private readonly seasons: SeasonsRepository) {}

  async readable(actor: Actor, seasonId: string): Promise<SeasonFacts> {
    return this.assertReadable(actor, await this.seasons.facts(seasonId, actor));
  }

  /** The same rule as a yes/no, for records that belong to a season (its cycles). */
  async canRead(actor: Actor, seasonId: string): Promise<boolean> {
    const facts = await this.seasons.facts(seasonId, actor);
    return !!facts && canReach(actor, ownersFor(actor, facts));
  }

  /** The same rule over facts read by the caller (with its data, in one round trip). */
  assertReadable(actor: Actor, facts: SeasonFacts | null): SeasonFacts {
    assertReach(actor, facts && ownersFor(actor, facts), 'season');
    return facts!;
  }

  /** The season whoever asks: for routes whose reach is decided by another record (a member, a cooperative). */
  async existing(seasonId: string): Promise<SeasonFacts> {
    const facts = await this.seasons.facts(seasonId, {
      consumerGroupId: null,
      cooperativeId: null,
      transportOrganiserId: null,
    });
    if (!facts) throw new NotFoundException('season not found');
    return facts;
  }
}

/** The actor's own organisations that take part in the season. */
function ownersFor(actor: Actor, facts: SeasonFacts): Owners {
  return {
    consumerGroupId: facts.groupEnrolled ? actor.consumerGroupId : null,
    memberId: facts.groupEnrolled ? actor.memberId : null,
    cooperativeId: facts.cooperativeHasOffer ? actor.cooperativeId : null,
    transportOrganiserId: facts.organiserCarries ? actor.transportOrganiserId : null,
  };
}
