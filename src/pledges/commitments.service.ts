import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertReach } from '../common/auth/ownership';
import { SeasonAccess } from '../seasons/season-access';
import { CommitmentsRepository } from './commitments.repository';
import type { CommitmentDto, CommitmentsQuery, LiveDemandDto, PlanRowDto } from './dto/commitment.dto';

@Injectable()
export class CommitmentsService {
  constructor(
    private readonly commitments: CommitmentsRepository,
    private readonly access: SeasonAccess,
  ) {}

  /** An admin sees every group (or the one asked for); a coordinator its own group only. */
  async list(actor: Actor, seasonId: string, query: CommitmentsQuery): Promise<CommitmentDto[]> {
    const consumerGroupId =
      query.consumerGroupId ?? (actor.role === 'admin' ? undefined : actor.consumerGroupId!);
    // Read with the season's facts in one round trip; nothing is answered before both checks.
    const { facts, items } = await this.commitments.withSeasonFacts(seasonId, actor, {
      month: query.month,
      consumerGroupId,
    });
    this.access.assertReadable(actor, facts);
    if (consumerGroupId) assertReach(actor, { consumerGroupId }, 'consumer group');
    return items;
  }

  /** An admin sees every offer; a cooperative its own offers only. */
  async plan(actor: Actor, seasonId: string): Promise<PlanRowDto[]> {
    await this.access.readable(actor, seasonId);
    return this.commitments.plan(seasonId, actor.role === 'admin' ? null : actor.cooperativeId);
  }

  /** Open months' demand against the export cap; a member or coordinator also sees its group's part. */
  async liveDemand(actor: Actor, seasonId: string): Promise<LiveDemandDto[]> {
    await this.access.readable(actor, seasonId);
    return this.commitments.liveDemand(seasonId, actor.role === 'admin' ? null : actor.consumerGroupId);
  }
}
