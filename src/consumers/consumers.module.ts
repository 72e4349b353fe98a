import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../sessions/sessions.module';
import { ConsumersController } from './consumers.controller';
import { ConsumersRepository } from './consumers.repository';
import { ConsumersService } from './consumers.service';
import { ConsumerGroup } from './entities/consumer-group.entity';
import { Member } from './entities/member.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ConsumerGroup, Member]), SessionsModule],
  controllers: [ConsumersController],
  providers: [ConsumersRepository, ConsumersService],
  exports: [ConsumersService],
})
export class ConsumersModule {}
