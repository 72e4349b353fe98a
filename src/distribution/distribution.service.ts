import {
  BadRequestException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertReach } from '../common/auth/ownership';
import { CycleAccess } from '../cycles/cycle-access';
import { recipientLocale } from '../notifications/domain/person-locale';
import { buildDistributionList, type DistributionList } from './domain/distribution-list';
import { distributionListToPdf } from './domain/distribution-pdf';
import { DistributionRepository } from './distribution.repository';

@Injectable()
export class DistributionService {
  constructor(
    private readonly access: CycleAccess,
    private readonly repository: DistributionRepository,
  ) {}

  /**
   * The group's list: a coordinator's own group (another group's id answers 404), an admin's
   * named group (400 without one). 404 when the group does not take part in the cycle; 422
   * until its coordinator has recorded what arrived, since the list hands out what arrived.
   * In the caller's language, else its group territory's.
   */
  async list(cycleId: string, actor: Actor, consumerGroupId?: string): Promise<DistributionList> {
    const groupId = this.groupOf(actor, consumerGroupId);
    await this.access.visible(cycleId, actor);
    const reception = await this.repository.groupReception(cycleId, groupId);
    if (!reception) throw new NotFoundException('consumer group not found in this cycle');
    if (reception.receiptVersion === null || reception.reportedAt === null) {
      throw new UnprocessableEntityException(
        `the distribution list exists once the group's delivery is recorded (PUT /cycles/${cycleId}/receipts/${groupId}); the cycle is ${reception.status}`,
      );
    }
    const locale = recipientLocale(await this.repository.userLocale(actor.userId), reception.countryCode);
    const [offers, members] = await Promise.all([
      this.repository.receivedOffers(cycleId, groupId),
      this.repository.memberReceipts(cycleId, groupId),
    ]);
    return buildDistributionList(
      {
        cycleId,
        seasonId: reception.seasonId,
        season: reception.season,
        month: reception.month,
        locale,
        timeZone: reception.timeZone,
        consumerGroup: {
          id: groupId,
          name: reception.groupName,
          dropPoint: { name: reception.dropPointName, address: reception.dropPointAddress },
        },
        receiptVersion: reception.receiptVersion,
        reportedAt: reception.reportedAt,
      },
      offers,
      members,
    );
  }

  async pdf(
    cycleId: string,
    actor: Actor,
    consumerGroupId?: string,
  ): Promise<{ name: string; body: Buffer }> {
    const list = await this.list(cycleId, actor, consumerGroupId);
    return {
      name: `distribution-${list.month}-${list.consumerGroup.id.slice(0, 8)}.pdf`,
      body: await distributionListToPdf(list),
    };
  }

  private groupOf(actor: Actor, consumerGroupId: string | undefined): string {
    if (actor.role === 'admin') {
      if (!consumerGroupId)
        throw new BadRequestException('consumerGroupId: an admin names the group whose list it reads');
      return consumerGroupId;
    }
    const groupId = consumerGroupId ?? actor.consumerGroupId;
    assertReach(actor, { consumerGroupId: groupId }, 'consumer group');
    return groupId!;
  }
}
