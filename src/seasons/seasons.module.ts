import { Module } from '@nestjs/common';
import { OffersController } from './offers.controller';
import { OffersRepository } from './offers.repository';
import { OffersService } from './offers.service';
import { SeasonAccess } from './season-access';
import { SeasonsController } from './seasons.controller';
import { SeasonsRepository } from './seasons.repository';
import { SeasonsService } from './seasons.service';

/** Who may read a season, for the features whose records belong to one (pledges, cycles, …). */
@Module({ providers: [SeasonsRepository, SeasonAccess], exports: [SeasonsRepository, SeasonAccess] })
export class SeasonAccessModule {}

@Module({
  imports: [SeasonAccessModule],
  controllers: [SeasonsController, OffersController],
  providers: [SeasonsService, OffersRepository, OffersService],
  exports: [SeasonAccessModule],
})
export class SeasonsModule {}
