import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertReach } from '../common/auth/ownership';
import { SeasonAccess } from '../seasons/season-access';
import { DeliveryPledgesRepository } from './delivery-pledges.repository';
import type { DeliveryPledgeDto, PutDeliveryPledgesDto } from './dto/delivery-pledge.dto';
import { firstDuplicate, unknownOffers } from './domain/pledge-lines';

@Injectable()
export class DeliveryPledgesService {
  constructor(
    private readonly pledges: DeliveryPledgesRepository,
    private readonly access: SeasonAccess,
  ) {}

  /** Upserts the lines given (one per offer × month); the cooperative's other pledges stay. */
  async upsert(
    actor: Actor,
    seasonId: string,
    cooperativeId: string,
    dto: PutDeliveryPledgesDto,
  ): Promise<DeliveryPledgeDto[]> {
    await this.reach(actor, seasonId, cooperativeId);
    const lines = dto.lines;
    const duplicate = firstDuplicate(lines.map((line) => `${line.offerId} ${line.month}`));
    if (duplicate >= 0)
      throw new BadRequestException(
        `lines.${duplicate}: offer ${lines[duplicate].offerId} and month ${lines[duplicate].month} are given twice`,
      );
    const offerIds = lines.map((line) => line.offerId);
    const unknown = unknownOffers(
      offerIds,
      await this.pledges.cooperativeOffers(seasonId, cooperativeId, offerIds),
    );
    if (unknown.length > 0) {
      throw new BadRequestException(
        unknown
          .map((i) => `lines.${i}.offerId: ${offerIds[i]} is not an offer of this cooperative in this season`)
          .join('; '),
      );
    }
    const months = new Set(await this.pledges.seasonMonths(seasonId));
    const outside = lines.flatMap((line, i) => (months.has(line.month) ? [] : [i]));
    if (outside.length > 0) {
      throw new BadRequestException(
        outside.map((i) => `lines.${i}.month: ${lines[i].month} is not a month of this season`).join('; '),
      );
    }
    const outcome = await this.pledges.upsert(seasonId, cooperativeId, lines);
    if (outcome.kind === 'months-not-open') {
      throw new UnprocessableEntityException(
        `the cycles of ${outcome.months.join(', ')} are no longer open for delivery pledges`,
      );
    }
    return this.pledges.list(seasonId, cooperativeId);
  }

  async list(actor: Actor, seasonId: string, cooperativeId: string): Promise<DeliveryPledgeDto[]> {
    await this.reach(actor, seasonId, cooperativeId);
    return this.pledges.list(seasonId, cooperativeId);
  }

  /** 404 unless the cooperative is the actor's own (or the actor is an admin) and takes part in the season. */
  private async reach(actor: Actor, seasonId: string, cooperativeId: string): Promise<void> {
    assertReach(actor, { cooperativeId }, 'cooperative');
    await this.access.readable(actor, seasonId);
    if (actor.role === 'admin' && !(await this.pledges.cooperativeExists(cooperativeId))) {
      throw new NotFoundException('cooperative not found');
    }
  }
}
