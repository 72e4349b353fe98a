import { Module } from '@nestjs/common';
import { OffersController } from './offers.controller';
import { OffersRepository } from './offers.repository';
import { OffersService } from './offers.service';
import { SeasonAccess } from './season-access';
import { SeasonsController } from './seasons.controller';
import { SeasonsRepository } from './seasons.repository';
import { SeasonsService } from './seasons.service';

@Module({
  controllers: [SeasonsController, OffersController],
  providers: [SeasonsRepository, SeasonAccess, SeasonsService, OffersRepository, OffersService],
  exports: [SeasonAccess],
})
export class SeasonsModule {}
