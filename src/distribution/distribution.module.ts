import { Module } from '@nestjs/common';
import { CycleRecordsModule } from '../cycles/cycles.module';
import { DistributionController } from './distribution.controller';
import { DistributionRepository } from './distribution.repository';
import { DistributionService } from './distribution.service';

/** The distribution list a coordinator hands goods out by at the drop point, JSON and PDF. */
@Module({
  imports: [CycleRecordsModule],
  controllers: [DistributionController],
  providers: [DistributionRepository, DistributionService],
})
export class DistributionModule {}
