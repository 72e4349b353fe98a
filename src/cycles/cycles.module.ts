import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SeasonAccessModule } from '../seasons/seasons.module';
import { ClockService } from './clock.service';
import { CycleAccess } from './cycle-access';
import { ConfirmationRequests } from './confirmation-requests';
import { ConfirmationsRepository } from './confirmations.repository';
import { CycleViewsRepository } from './cycle-views.repository';
import { CyclesController } from './cycles.controller';
import { CyclesRepository } from './cycles.repository';
import { CyclesService } from './cycles.service';
import { StagesRepository } from './stages.repository';
import { AllocateStage } from './stages/allocate.stage';
import { ConfirmationRequestsStage } from './stages/confirmation-requests.stage';
import { LockStage } from './stages/lock.stage';
import { ViolationsRepository } from './violations.repository';

/**
 * The cycle records the features around the cycle share: the cycle itself, who may see it
 * (CycleAccess: the same rule as GET /cycles/:id), and its violations.
 */
@Module({
  imports: [SeasonAccessModule],
  providers: [CyclesRepository, CycleAccess, ViolationsRepository],
  exports: [CyclesRepository, CycleAccess, ViolationsRepository],
})
export class CycleRecordsModule {}

/** The cycle's own stages: lock, confirmation requests, allocation. */
@Module({
  imports: [CycleRecordsModule],
  providers: [StagesRepository, ConfirmationRequests, LockStage, ConfirmationRequestsStage, AllocateStage],
  exports: [LockStage, ConfirmationRequestsStage, AllocateStage],
})
export class CycleStagesModule {}

/** The cycle API: reading cycles, confirmations, waivers, manual stage runs. */
@Module({
  imports: [AuditModule, CycleRecordsModule],
  controllers: [CyclesController],
  providers: [CyclesService, CycleViewsRepository, ConfirmationsRepository],
})
export class CyclesModule {}

/** The cycle's worker side: the clock and the stage jobs. */
@Module({ imports: [CycleRecordsModule], providers: [ClockService] })
export class CycleWorkerModule {}
