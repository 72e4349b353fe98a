import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CooperativesController } from './cooperatives.controller';
import { CooperativesRepository } from './cooperatives.repository';
import { CooperativesService } from './cooperatives.service';
import { Certificate } from './entities/certificate.entity';
import { Cooperative } from './entities/cooperative.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Cooperative, Certificate])],
  controllers: [CooperativesController],
  providers: [CooperativesRepository, CooperativesService],
  exports: [CooperativesService],
})
export class CooperativesModule {}
