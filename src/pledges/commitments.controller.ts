import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { CommitmentsService } from './commitments.service';
import { CommitmentDto, CommitmentsQuery, LiveDemandDto, PlanRowDto } from './dto/commitment.dto';

@ApiTags('pledges')
@ApiBearerAuth()
@Controller('seasons/:id')
export class CommitmentsController {
  constructor(private readonly commitments: CommitmentsService) {}

  @Get('commitments')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({
    type: [CommitmentDto],
    description: 'Collective commitments: the sums of the members’ pledges',
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CommitmentsQuery,
  ): Promise<CommitmentDto[]> {
    return this.commitments.list(actor, id, query);
  }

  @Get('plan')
  @Roles('admin', 'cooperative')
  @ApiOkResponse({
    type: [PlanRowDto],
    description: 'The seasonal plan per offer × month (a cooperative: its own offers)',
  })
  plan(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<PlanRowDto[]> {
    return this.commitments.plan(actor, id);
  }

  @Get('demand')
  @Roles('admin', 'coordinator', 'member')
  @ApiOkResponse({
    type: [LiveDemandDto],
    description:
      'Per open month and offer, the live demand of all groups against the export cap (a member or coordinator ' +
      'of an enrolled group; 404 otherwise)',
  })
  demand(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<LiveDemandDto[]> {
    return this.commitments.liveDemand(actor, id);
  }
}
