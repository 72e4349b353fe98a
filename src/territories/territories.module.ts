import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Territory } from './entities/territory.entity';
import { TerritoriesController } from './territories.controller';
import { TerritoriesRepository } from './territories.repository';
import { TerritoriesService } from './territories.service';

@Module({
  imports: [TypeOrmModule.forFeature([Territory])],
  controllers: [TerritoriesController],
  providers: [TerritoriesRepository, TerritoriesService],
  exports: [TerritoriesService],
})
export class TerritoriesModule {}
