import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { CooperativesService } from './cooperatives.service';
import {
  CertificateDto,
  CooperativeDto,
  CooperativePageDto,
  CreateCertificateDto,
  CreateCooperativeDto,
} from './dto/cooperative.dto';

@ApiTags('cooperatives')
@ApiBearerAuth()
@Controller('cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: CooperativeDto })
  create(@Body() dto: CreateCooperativeDto): Promise<CooperativeDto> {
    return this.cooperatives.create(dto);
  }

  @Get()
  @Roles('admin', 'cooperative')
  @ApiOkResponse({ type: CooperativePageDto, description: 'a cooperative user sees only its own' })
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<CooperativePageDto> {
    return this.cooperatives.list(actor, page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin', 'cooperative')
  @ApiOkResponse({ type: CooperativeDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<CooperativeDto> {
    return this.cooperatives.get(actor, id);
  }

  @Post(':id/certificates')
  @Roles('admin')
  @ApiCreatedResponse({ type: CertificateDto })
  addCertificate(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateCertificateDto,
  ): Promise<CertificateDto> {
    return this.cooperatives.addCertificate(id, dto);
  }
}
