import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { AuditService } from './audit.service';
import { AuditLogPageDto, AuditLogQuery } from './dto/audit-log.dto';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: AuditLogPageDto, description: 'newest first' })
  list(@Query() query: AuditLogQuery): Promise<AuditLogPageDto> {
    return this.audit.list(query, query.limit, query.offset);
  }
}
