import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { ConsumersService } from './consumers.service';
import { ConsumerGroupDto, ConsumerGroupPageDto, CreateConsumerGroupDto } from './dto/consumer-group.dto';
import { CreateMemberDto, MemberDto, MemberPageDto, UpdateMemberDto } from './dto/member.dto';

@ApiTags('consumer-groups')
@ApiBearerAuth()
@Controller('consumer-groups')
export class ConsumersController {
  constructor(private readonly consumers: ConsumersService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ConsumerGroupDto })
  create(@Body() dto: CreateConsumerGroupDto): Promise<ConsumerGroupDto> {
    return this.consumers.createGroup(dto);
  }

  @Get()
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: ConsumerGroupPageDto, description: 'a coordinator sees its own group only' })
  list(@Query() page: PaginationQuery, @CurrentActor() actor: Actor): Promise<ConsumerGroupPageDto> {
    return this.consumers.listGroups(actor, page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: ConsumerGroupDto })
  get(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor): Promise<ConsumerGroupDto> {
    return this.consumers.getGroup(id, actor);
  }

  @Post(':id/members')
  @Roles('admin', 'coordinator')
  @ApiCreatedResponse({ type: MemberDto })
  addMember(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateMemberDto,
    @CurrentActor() actor: Actor,
  ): Promise<MemberDto> {
    return this.consumers.addMember(id, dto, actor);
  }

  @Get(':id/members')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: MemberPageDto })
  members(
    @Param('id', UuidParamPipe) id: string,
    @Query() page: PaginationQuery,
    @CurrentActor() actor: Actor,
  ): Promise<MemberPageDto> {
    return this.consumers.listMembers(id, actor, page.limit, page.offset);
  }

  @Patch(':id/members/:memberId')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({
    type: MemberDto,
    description: 'a member who leaves: open months’ pledges removed, history kept',
  })
  updateMember(
    @Param('id', UuidParamPipe) id: string,
    @Param('memberId', UuidParamPipe) memberId: string,
    @Body() dto: UpdateMemberDto,
    @CurrentActor() actor: Actor,
  ): Promise<MemberDto> {
    return this.consumers.updateMember(id, memberId, dto, actor);
  }
}
