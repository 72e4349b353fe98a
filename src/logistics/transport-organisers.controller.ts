import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import {
  CreateTransportOrganiserDto,
  TransportOrganiserDto,
  TransportOrganiserPageDto,
} from './dto/transport-organiser.dto';
import { TransportOrganisersService } from './transport-organisers.service';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller('transport-organisers')
export class TransportOrganisersController {
  constructor(private readonly organisers: TransportOrganisersService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: TransportOrganiserDto })
  create(@Body() dto: CreateTransportOrganiserDto): Promise<TransportOrganiserDto> {
    return this.organisers.create(dto);
  }

  @Get()
  @Roles('admin', 'transporter')
  @ApiOkResponse({
    type: TransportOrganiserPageDto,
    description: 'a transporter sees only its own organiser',
  })
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<TransportOrganiserPageDto> {
    return this.organisers.list(actor, page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin', 'transporter')
  @ApiOkResponse({ type: TransportOrganiserDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TransportOrganiserDto> {
    return this.organisers.get(actor, id);
  }
}
