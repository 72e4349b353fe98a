import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DispatchModule } from '../dispatch/dispatch.module';
import { SeasonAccessModule } from '../seasons/seasons.module';
import { SettlementModule } from '../settlement/settlement.module';
import { ClockService } from './clock.service';
import { CycleAccess } from './cycle-access';
import { ConfirmationRequests } from './confirmation-requests';
import { ConfirmationsRepository } from './confirmations.repository';
import { CycleViewsRepository } from './cycle-views.repository';
import { CyclesController } from './cycles.controller';
import { CyclesRepository } from './cycles.repository';
import { CyclesService } from './cycles.service';
import { StagesRepository } from './stages.repository';
import { StagesService } from './stages.service';

const shared = [CyclesRepository, StagesRepository, StagesService, ConfirmationRequests];

/** The cycle API: reading cycles, confirmations, waivers, manual stage runs. */
@Module({
  imports: [AuditModule, DispatchModule, SettlementModule, SeasonAccessModule],
  controllers: [CyclesController],
  providers: [...shared, CycleAccess, CyclesService, CycleViewsRepository, ConfirmationsRepository],
})
export class CyclesModule {}

/** The cycle's worker side: the clock and the stage jobs. */
@Module({ imports: [DispatchModule, SettlementModule], providers: [...shared, ClockService] })
export class CycleWorkerModule {}
