import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { CreateOfferDto, OfferDto, OfferPageDto } from './dto/offer.dto';
import { OffersService } from './offers.service';

@ApiTags('seasons')
@ApiBearerAuth()
@Controller('seasons/:id/offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OfferDto })
  create(@Param('id', UuidParamPipe) id: string, @Body() dto: CreateOfferDto): Promise<OfferDto> {
    return this.offers.create(id, dto);
  }

  @Get()
  @Roles('admin', 'coordinator', 'member', 'cooperative', 'transporter')
  @ApiOkResponse({ type: OfferPageDto, description: 'Admin; or a party to the season (404 otherwise)' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() page: PaginationQuery,
  ): Promise<OfferPageDto> {
    return this.offers.list(actor, id, page.limit, page.offset);
  }
}
