import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import {
  CreateInvitationDto,
  InvitationDto,
  InvitationPageDto,
  ListInvitationsQuery,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @Roles('admin', 'coordinator')
  @ApiCreatedResponse({
    type: InvitationDto,
    description: 'an e-mail with a single-use link (7 days) is sent',
  })
  invite(@Body() dto: CreateInvitationDto, @CurrentActor() actor: Actor): Promise<InvitationDto> {
    return this.invitations.invite(dto, actor);
  }

  @Get()
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: InvitationPageDto, description: 'newest first; a coordinator sees its group’s' })
  list(@Query() query: ListInvitationsQuery, @CurrentActor() actor: Actor): Promise<InvitationPageDto> {
    return this.invitations.list(query, actor);
  }
}
