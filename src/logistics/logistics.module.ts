import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PickupPoint } from './entities/pickup-point.entity';
import { TransportOrganiser } from './entities/transport-organiser.entity';
import { Vehicle } from './entities/vehicle.entity';
import { PickupPointsController } from './pickup-points.controller';
import { PickupPointsRepository } from './pickup-points.repository';
import { PickupPointsService } from './pickup-points.service';
import { TransportOrganisersController } from './transport-organisers.controller';
import { TransportOrganisersRepository } from './transport-organisers.repository';
import { TransportOrganisersService } from './transport-organisers.service';

/** Where goods are gathered (pickup points) and who carries them (transport organisers and their vehicles). */
@Module({
  imports: [TypeOrmModule.forFeature([PickupPoint, TransportOrganiser, Vehicle])],
  controllers: [PickupPointsController, TransportOrganisersController],
  providers: [
    PickupPointsRepository,
    PickupPointsService,
    TransportOrganisersRepository,
    TransportOrganisersService,
  ],
  exports: [PickupPointsService, TransportOrganisersService],
})
export class LogisticsModule {}
