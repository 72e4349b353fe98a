import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CharterController } from './charter.controller';
import { CharterRepository } from './charter.repository';
import { CharterService } from './charter.service';
import { CharterVersion } from './entities/charter-version.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CharterVersion]), AuditModule],
  controllers: [CharterController],
  providers: [CharterRepository, CharterService],
  exports: [CharterService, CharterRepository],
})
export class CharterModule {}
