import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CycleStage, StageMoved } from '../cycles/stages/cycle-stage';
import { settle } from './domain/settlement';
import { SettlementRepository } from './settlement.repository';

/**
 * The settle stage (received → settled): the statements of every member and cooperative of
 * the cycle, computed by the pure `settle` (src/settlement/domain/settlement.ts); the
 * statement.ready message to each of them follows. Run twice, or
 * by two workers at once, the second finds the cycle settled and writes nothing; the
 * statements' primary keys (ON CONFLICT DO NOTHING) are the second line of defence.
 */
@Injectable()
export class SettleStage implements CycleStage {
  readonly from = 'received';
  readonly followedAtOnce = false;
  private readonly logger = new Logger(SettleStage.name);

  constructor(private readonly repository: SettlementRepository) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    const context = await this.repository.moveToSettled(m, cycleId);
    if (!context) return null;
    const { lines, shipments } = await this.repository.rows(m, cycleId);
    const result = settle({
      currency: context.currency,
      producerCurrency: context.producerCurrency,
      exchangeRate: context.exchangeRate,
      lines,
      shipments,
    });
    const groupOf = new Map(lines.map((line) => [line.memberId, line.consumerGroupId]));
    await this.repository.insertMemberStatements(
      m,
      cycleId,
      context.currency,
      result.members.map((s) => ({ ...s, consumerGroupId: groupOf.get(s.memberId)! })),
    );
    await this.repository.insertCooperativeStatements(m, cycleId, result.cooperatives);
    if (result.totals.unassignedTransportMinor > 0) {
      this.logger.warn(
        `cycle ${cycleId}: ${result.totals.unassignedTransportMinor} minor units of transport carried no member's goods and are not shared`,
      );
    }
    return { events: ['statement.ready'] };
  }
}
