import { Module } from '@nestjs/common';
import { SeasonsModule } from '../seasons/seasons.module';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentsService } from './commitments.service';
import { DeliveryPledgesController } from './delivery-pledges.controller';
import { DeliveryPledgesRepository } from './delivery-pledges.repository';
import { DeliveryPledgesService } from './delivery-pledges.service';
import { MemberPledgesController } from './member-pledges.controller';
import { MemberPledgesRepository } from './member-pledges.repository';
import { MemberPledgesService } from './member-pledges.service';

@Module({
  imports: [SeasonsModule],
  controllers: [MemberPledgesController, CommitmentsController, DeliveryPledgesController],
  providers: [
    MemberPledgesRepository,
    MemberPledgesService,
    CommitmentsRepository,
    CommitmentsService,
    DeliveryPledgesRepository,
    DeliveryPledgesService,
  ],
})
export class PledgesModule {}
