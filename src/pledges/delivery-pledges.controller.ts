import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { DeliveryPledgesService } from './delivery-pledges.service';
import { DeliveryPledgeDto, PutDeliveryPledgesDto } from './dto/delivery-pledge.dto';

@ApiTags('pledges')
@ApiBearerAuth()
@Controller('seasons/:id/cooperatives/:cooperativeId/delivery-pledges')
export class DeliveryPledgesController {
  constructor(private readonly pledges: DeliveryPledgesService) {}

  @Put()
  @Roles('admin', 'cooperative')
  @ApiOkResponse({
    type: [DeliveryPledgeDto],
    description:
      "Upserts a pledge per (offer, month) line given and answers all the cooperative's pledges in the season",
  })
  @ApiUnprocessableEntityResponse({ description: 'A month whose cycle is no longer open' })
  upsert(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('cooperativeId', UuidParamPipe) cooperativeId: string,
    @Body() dto: PutDeliveryPledgesDto,
  ): Promise<DeliveryPledgeDto[]> {
    return this.pledges.upsert(actor, id, cooperativeId, dto);
  }

  @Get()
  @Roles('admin', 'cooperative')
  @ApiOkResponse({ type: [DeliveryPledgeDto] })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Param('cooperativeId', UuidParamPipe) cooperativeId: string,
  ): Promise<DeliveryPledgeDto[]> {
    return this.pledges.list(actor, id, cooperativeId);
  }
}
