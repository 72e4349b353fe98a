import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { CreatePartnershipDto, PartnershipDto, PartnershipPageDto } from './dto/partnership.dto';
import { PartnershipsService } from './partnerships.service';

@ApiTags('partnerships')
@ApiBearerAuth()
@Controller('partnerships')
export class PartnershipsController {
  constructor(private readonly partnerships: PartnershipsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: PartnershipDto })
  create(@Body() dto: CreatePartnershipDto, @CurrentActor() actor: Actor): Promise<PartnershipDto> {
    return this.partnerships.create(dto, actor);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: PartnershipPageDto })
  list(@Query() page: PaginationQuery): Promise<PartnershipPageDto> {
    return this.partnerships.list(page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: PartnershipDto })
  get(@Param('id', UuidParamPipe) id: string): Promise<PartnershipDto> {
    return this.partnerships.get(id);
  }
}
