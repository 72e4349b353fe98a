import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CycleAccess } from '../cycles/cycle-access';
import { CyclesRepository } from '../cycles/cycles.repository';
import { StagesRepository } from '../cycles/stages.repository';
import { ManifestsController } from '../manifests/manifests.controller';
import { SeasonAccessModule } from '../seasons/seasons.module';
import { ManifestsRepository } from '../manifests/manifests.repository';
import { ManifestsService } from '../manifests/manifests.service';
import { DispatchRepository } from './dispatch.repository';
import { DispatchService } from './dispatch.service';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsRepository } from './shipments.repository';
import { ShipmentsService } from './shipments.service';

/** Dispatch: the stage that makes shipments and manifests, and reading them. */
@Module({
  imports: [AuditModule, SeasonAccessModule],
  controllers: [ShipmentsController, ManifestsController],
  providers: [
    DispatchRepository,
    DispatchService,
    StagesRepository,
    CyclesRepository,
    CycleAccess,
    ShipmentsRepository,
    ShipmentsService,
    ManifestsRepository,
    ManifestsService,
  ],
  exports: [DispatchService],
})
export class DispatchModule {}
