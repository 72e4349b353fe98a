import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ManifestsController } from './manifests.controller';
import { ManifestsRepository } from './manifests.repository';
import { ManifestsService } from './manifests.service';

/** Manifests: issued by the dispatch stage (ManifestsService.issue), read and reissued over HTTP. */
@Module({
  imports: [AuditModule],
  controllers: [ManifestsController],
  providers: [ManifestsRepository, ManifestsService],
  exports: [ManifestsService],
})
export class ManifestsModule {}
