import { Module } from '@nestjs/common';
import { CycleAccess } from '../cycles/cycle-access';
import { CyclesRepository } from '../cycles/cycles.repository';
import { SeasonAccessModule } from '../seasons/seasons.module';
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
  imports: [SettlementModule, SeasonAccessModule],
  controllers: [SettlementController],
  // CycleAccess answers which cycles an actor may see: the same rule as GET /cycles/:id.
  providers: [
    CyclesRepository,
    CycleAccess,
    ReceiptsRepository,
    ReceiptsService,
    StatementsRepository,
    StatementsService,
  ],
})
export class SettlementApiModule {}
