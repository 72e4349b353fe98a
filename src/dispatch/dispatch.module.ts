import { Module } from '@nestjs/common';
import { CycleRecordsModule } from '../cycles/cycles.module';
import { ManifestsModule } from '../manifests/manifests.module';
import { DispatchRepository } from './dispatch.repository';
import { DispatchStage } from './dispatch.stage';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsRepository } from './shipments.repository';
import { ShipmentsService } from './shipments.service';

/** The dispatch stage (allocated → dispatched), for the stage runner: shipments and their manifests. */
@Module({
  imports: [CycleRecordsModule, ManifestsModule],
  providers: [DispatchRepository, DispatchStage],
  exports: [DispatchStage],
})
export class DispatchStageModule {}

/** Reading shipments over HTTP. */
@Module({
  imports: [CycleRecordsModule],
  controllers: [ShipmentsController],
  providers: [ShipmentsRepository, ShipmentsService],
})
export class DispatchModule {}
