import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { ShipmentListDto } from './dto/shipment.dto';
import { ShipmentsService } from './shipments.service';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('cycles/:id/shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get()
  @Roles('admin', 'transporter')
  @ApiOkResponse({ type: ShipmentListDto })
  list(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor): Promise<ShipmentListDto> {
    return this.shipments.list(id, actor);
  }
}
