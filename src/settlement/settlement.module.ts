import { Module } from '@nestjs/common';
import { CycleRecordsModule } from '../cycles/cycles.module';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptsService } from './receipts.service';
import { SettleStage } from './settle.stage';
import { SettlementController } from './settlement.controller';
import { SettlementRepository } from './settlement.repository';
import { StatementsRepository } from './statements.repository';
import { StatementsService } from './statements.service';

/** The settle stage (received → settled), for the stage runner. */
@Module({
  providers: [SettlementRepository, SettleStage],
  exports: [SettleStage],
})
export class SettleStageModule {}

/** Reception and statements over HTTP. */
@Module({
  imports: [CycleRecordsModule],
  controllers: [SettlementController],
  providers: [ReceiptsRepository, ReceiptsService, StatementsRepository, StatementsService],
})
export class SettlementApiModule {}
