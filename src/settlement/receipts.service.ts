import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertReach } from '../common/auth/ownership';
import { CycleAccess } from '../cycles/cycle-access';
import { hasReached, type CycleStatus } from '../seasons/domain/cycle-status';
import { shareReceipts } from './domain/receipts';
import type { ReceiptDto, ReceiptResultDto } from './dto/receipt.dto';
import { ReceiptsRepository, type GroupAllocation, type ReceiptView } from './receipts.repository';

/** Reports are taken, and corrected, from dispatch until the cycle is settled. */
const OPEN_FOR_RECEIPTS: readonly CycleStatus[] = ['dispatched', 'received'];

@Injectable()
export class ReceiptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CycleAccess,
    private readonly receipts: ReceiptsRepository,
  ) {}

  /** 404 unless the actor reaches the group, sees the cycle, and the group takes part in it. */
  private async reach(cycleId: string, consumerGroupId: string, actor: Actor): Promise<CycleStatus> {
    assertReach(actor, { consumerGroupId }, 'consumer group');
    const cycle = await this.access.visible(cycleId, actor);
    if (!(await this.receipts.enrolled(cycleId, consumerGroupId)))
      throw new NotFoundException('consumer group not found in this cycle');
    return cycle.status;
  }

  async get(cycleId: string, consumerGroupId: string, actor: Actor): Promise<ReceiptResultDto> {
    const status = await this.reach(cycleId, consumerGroupId, actor);
    if (!hasReached(status, 'allocated')) {
      throw new UnprocessableEntityException(`receipts exist once the cycle is allocated; it is ${status}`);
    }
    const allocations = await this.receipts.receivable(cycleId, consumerGroupId);
    const report = await this.receipts.report(cycleId, consumerGroupId);
    return view(cycleId, consumerGroupId, status, allocations, report);
  }

  /**
   * Records what arrived, per offer, and shares it among the members (shareReceipts: pro rata
   * to their allocations, largest remainder). A shipped offer left out of the report counts
   * as 0 received. One transaction: a 4xx leaves nothing written.
   */
  async record(
    cycleId: string,
    consumerGroupId: string,
    dto: ReceiptDto,
    actor: Actor,
  ): Promise<ReceiptResultDto> {
    await this.reach(cycleId, consumerGroupId, actor);
    return this.dataSource.transaction(async (m) => {
      const status = await this.receipts.lockCycle(m, cycleId);
      if (!OPEN_FOR_RECEIPTS.includes(status)) {
        throw new UnprocessableEntityException(
          status === 'settled'
            ? 'the cycle is settled: receipts can no longer be corrected'
            : `receipts are recorded once the cycle is dispatched; it is ${status}`,
        );
      }
      const allocations = await this.receipts.receivable(cycleId, consumerGroupId, m);
      if (allocations.length === 0)
        throw new UnprocessableEntityException('nothing was shipped to this group in this cycle');
      const received = receivedByOffer(dto, allocations);

      const current = await this.receipts.report(cycleId, consumerGroupId, m);
      const expected = dto.version ?? current.version;
      const version =
        expected === 0 && current.version === 0
          ? await this.receipts.insertReport(m, cycleId, consumerGroupId, actor.userId)
          : await this.receipts.bumpReport(m, cycleId, consumerGroupId, expected, actor.userId);
      if (version === null) {
        throw new ConflictException(
          `version ${expected} is stale: the receipt was changed meanwhile (now ${current.version})`,
        );
      }

      const lines = allocations.map((a) => ({ offerId: a.offerId, received: received.get(a.offerId) ?? 0 }));
      const shares = shareReceipts(lines, await this.receipts.memberAllocations(m, cycleId, consumerGroupId));
      const members = shares.flatMap((offer) =>
        offer.members.map((member) => ({
          memberId: member.memberId,
          offerId: offer.offerId,
          received: member.received,
        })),
      );
      await this.receipts.replaceLines(m, cycleId, consumerGroupId, lines, members);
      const cycleStatus = await this.receipts.moveToReceivedIfComplete(m, cycleId);
      return view(cycleId, consumerGroupId, cycleStatus, allocations, {
        version,
        received: new Map(lines.map((l) => [l.offerId, l.received])),
      });
    });
  }
}

/** Checks the lines against what was shipped to the group (400 naming the line) and keys them by offer. */
function receivedByOffer(dto: ReceiptDto, allocations: GroupAllocation[]): Map<string, number> {
  const shipped = new Map(allocations.map((a) => [a.offerId, a.shipped]));
  const received = new Map<string, number>();
  dto.lines.forEach((line, index) => {
    const limit = shipped.get(line.offerId);
    if (limit === undefined)
      throw new BadRequestException(
        `lines.${index}.offerId: not an offer shipped to this group in this cycle (allocated goods placed in no vehicle are not received)`,
      );
    if (received.has(line.offerId))
      throw new BadRequestException(`lines.${index}.offerId: this offer appears twice`);
    if (line.quantity > limit) {
      throw new BadRequestException(
        `lines.${index}.quantity: ${line.quantity} exceeds the ${limit} units shipped (a surplus is not recorded)`,
      );
    }
    received.set(line.offerId, line.quantity);
  });
  return received;
}

function view(
  cycleId: string,
  consumerGroupId: string,
  cycleStatus: CycleStatus,
  allocations: GroupAllocation[],
  report: ReceiptView,
): ReceiptResultDto {
  return {
    cycleId,
    consumerGroupId,
    version: report.version,
    lines: allocations.map((a) => ({
      offerId: a.offerId,
      allocated: a.allocated,
      shipped: a.shipped,
      received: report.version === 0 ? null : (report.received.get(a.offerId) ?? 0),
    })),
    cycleStatus,
  };
}
