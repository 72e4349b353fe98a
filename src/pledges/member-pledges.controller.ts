import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { MemberPledgeDto, PutMemberPledgesDto } from './dto/member-pledge.dto';
import { MemberPledgesService } from './member-pledges.service';

@ApiTags('pledges')
@ApiBearerAuth()
@Controller('seasons/:id/members/:memberId/pledges')
export class MemberPledgesController {
  constructor(private readonly pledges: MemberPledgesService) {}

  @Put()
  @Roles('admin', 'coordinator', 'member')
  @ApiOkResponse({
    type: [MemberPledgeDto],
    description: "The standing pledge: replaces the member's lines in every month still open",
  })
  @ApiUnprocessableEntityResponse({
    description:
      "No month is still open, or (to an admin) the member's group is not enrolled; a coordinator or member whose group is not in the season gets 404, as for a season that does not exist",
  })
  standing(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('memberId', UuidParamPipe) memberId: string,
    @Body() dto: PutMemberPledgesDto,
  ): Promise<MemberPledgeDto[]> {
    return this.pledges.replace(actor, id, memberId, { kind: 'standing' }, dto);
  }

  @Put(':month')
  @Roles('admin', 'coordinator', 'member')
  @ApiParam({ name: 'month', example: '2027-03', description: 'YYYY-MM, a month of the season' })
  @ApiOkResponse({ type: [MemberPledgeDto], description: "Replaces the member's lines in that month" })
  @ApiUnprocessableEntityResponse({
    description:
      "The month's cycle is no longer open, or (to an admin) the member's group is not enrolled; a coordinator or member whose group is not in the season gets 404",
  })
  month(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('memberId', UuidParamPipe) memberId: string,
    @Param('month') month: string,
    @Body() dto: PutMemberPledgesDto,
  ): Promise<MemberPledgeDto[]> {
    return this.pledges.replace(actor, id, memberId, { kind: 'month', month }, dto);
  }

  @Get()
  @Roles('admin', 'coordinator', 'member')
  @ApiOkResponse({ type: [MemberPledgeDto] })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('memberId', UuidParamPipe) memberId: string,
  ): Promise<MemberPledgeDto[]> {
    return this.pledges.list(actor, id, memberId);
  }
}
