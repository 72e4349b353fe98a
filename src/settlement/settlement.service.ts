import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { settle } from './domain/settlement';
import { SettlementRepository } from './settlement.repository';

/**
 * The settle stage (received → settled): the statements of every member and cooperative of
 * the cycle, computed by the pure `settle` (src/settlement/domain/settlement.ts).
 */
@Injectable()
export class SettlementService {
  private readonly logger = new Logger(SettlementService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SettlementRepository,
  ) {}

  /**
   * One transaction that starts by moving the status it expects: run twice, or by two workers
   * at once, the second finds the cycle settled and writes nothing ('nothing-to-do'); the
   * statements' primary keys (ON CONFLICT DO NOTHING) are the second line of defence.
   */
  async settle(cycleId: string): Promise<'moved' | 'nothing-to-do'> {
    return this.dataSource.transaction(async (m) => {
      const context = await this.repository.moveToSettled(m, cycleId);
      if (!context) return 'nothing-to-do';
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
      return 'moved';
    });
  }
}
