import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { CyclesService } from './cycles.service';
import {
  AdvanceResultDto,
  AllocationPageDto,
  AllocationsQuery,
  ConfirmationDto,
  ConfirmationResultDto,
  ConfirmationStateDto,
  CycleDto,
  DemandLineDto,
  DemandQuery,
  LoadingListDto,
  ViolationDto,
  WaiveDto,
} from './dto/cycle.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles/:id')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Get()
  @ApiOkResponse({ type: CycleDto })
  get(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor): Promise<CycleDto> {
    return this.cycles.get(id, actor);
  }

  @Post('advance')
  @Roles('admin')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AdvanceResultDto, description: 'the next stage is queued' })
  advance(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor): Promise<AdvanceResultDto> {
    return this.cycles.advance(id, actor);
  }

  @Post('violations/:violationId/waive')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ViolationDto })
  waive(
    @Param('id', UuidParamPipe) id: string,
    @Param('violationId', UuidParamPipe) violationId: string,
    @Body() dto: WaiveDto,
    @CurrentActor() actor: Actor,
  ): Promise<ViolationDto> {
    return this.cycles.waive(id, violationId, dto.reason, actor);
  }

  @Get('demand')
  @Roles('admin', 'cooperative')
  @ApiOkResponse({ type: [DemandLineDto] })
  demand(@Param('id', UuidParamPipe) id: string, @Query() query: DemandQuery, @CurrentActor() actor: Actor) {
    return this.cycles.demand(id, actor, query.cooperativeId);
  }

  @Get('confirmations/:cooperativeId')
  @Roles('admin', 'cooperative')
  @ApiOkResponse({ type: ConfirmationStateDto, description: 'its version, to send back with a change' })
  confirmation(
    @Param('id', UuidParamPipe) id: string,
    @Param('cooperativeId', UuidParamPipe) cooperativeId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ConfirmationStateDto> {
    return this.cycles.confirmation(id, cooperativeId, actor);
  }

  @Put('confirmations/:cooperativeId')
  @Roles('admin', 'cooperative')
  @ApiOkResponse({ type: ConfirmationResultDto })
  confirm(
    @Param('id', UuidParamPipe) id: string,
    @Param('cooperativeId', UuidParamPipe) cooperativeId: string,
    @Body() dto: ConfirmationDto,
    @CurrentActor() actor: Actor,
  ): Promise<ConfirmationResultDto> {
    return this.cycles.confirm(id, cooperativeId, dto, actor);
  }

  @Get('allocations')
  @Roles('admin', 'coordinator', 'member')
  @ApiOkResponse({ type: AllocationPageDto })
  allocations(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AllocationsQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.cycles.allocations(id, actor, query);
  }

  @Get('loading-list')
  @Roles('admin', 'cooperative')
  @ApiOkResponse({ type: LoadingListDto })
  loadingList(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor): Promise<LoadingListDto> {
    return this.cycles.loadingList(id, actor);
  }
}
