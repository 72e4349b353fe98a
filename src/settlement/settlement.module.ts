import { Module } from '@nestjs/common';
import { CyclesRepository } from '../cycles/cycles.repository';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptsService } from './receipts.service';
import { SettlementController } from './settlement.controller';
import { SettlementRepository } from './settlement.repository';
import { SettlementService } from './settlement.service';
import { StatementsRepository } from './statements.repository';
import { StatementsService } from './statements.service';

/** The settle stage, for the stage runner (API and worker roles alike). */
@Module({
  providers: [SettlementRepository, SettlementService],
  exports: [SettlementService],
})
export class SettlementModule {}

/** Reception and statements over HTTP. */
@Module({
  imports: [SettlementModule],
  controllers: [SettlementController],
  // CyclesRepository answers which cycles an actor may see: the same rule as GET /cycles/:id.
  providers: [CyclesRepository, ReceiptsRepository, ReceiptsService, StatementsRepository, StatementsService],
})
export class SettlementApiModule {}
