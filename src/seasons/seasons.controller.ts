import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import {
  CreateSeasonDto,
  EnrolGroupDto,
  SeasonCycleDto,
  SeasonGroupDto,
  SeasonGroupPageDto,
  SeasonPageDto,
  SeasonWithCyclesDto,
} from './dto/season.dto';
import { SeasonsService } from './seasons.service';

@ApiTags('seasons')
@ApiBearerAuth()
@Controller('seasons')
export class SeasonsController {
  constructor(private readonly seasons: SeasonsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: SeasonWithCyclesDto, description: 'The season with one open cycle per month' })
  create(@Body() dto: CreateSeasonDto): Promise<SeasonWithCyclesDto> {
    return this.seasons.create(dto);
  }

  @Get()
  @Roles('admin', 'coordinator', 'member', 'cooperative', 'transporter')
  @ApiOkResponse({
    type: SeasonPageDto,
    description:
      'Admin: every season; a member or coordinator: those its group is enrolled in; a cooperative: those with its ' +
      'offers; a transporter: those it carries for',
  })
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<SeasonPageDto> {
    return this.seasons.list(actor, page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin', 'coordinator', 'member', 'cooperative', 'transporter')
  @ApiOkResponse({
    type: SeasonWithCyclesDto,
    description: 'Admin; or a party to the season (404 otherwise)',
  })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<SeasonWithCyclesDto> {
    return this.seasons.get(actor, id);
  }

  @Get(':id/cycles')
  @Roles('admin', 'coordinator', 'member', 'cooperative', 'transporter')
  @ApiOkResponse({ type: [SeasonCycleDto], description: 'Admin; or a party to the season (404 otherwise)' })
  cycles(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<SeasonCycleDto[]> {
    return this.seasons.cycles(actor, id);
  }

  @Post(':id/groups')
  @Roles('admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: SeasonGroupDto })
  enrol(@Param('id', UuidParamPipe) id: string, @Body() dto: EnrolGroupDto): Promise<SeasonGroupDto> {
    return this.seasons.enrol(id, dto.consumerGroupId);
  }

  @Get(':id/groups')
  @Roles('admin')
  @ApiOkResponse({ type: SeasonGroupPageDto })
  groups(
    @Param('id', UuidParamPipe) id: string,
    @Query() page: PaginationQuery,
  ): Promise<SeasonGroupPageDto> {
    return this.seasons.groups(id, page.limit, page.offset);
  }
}
