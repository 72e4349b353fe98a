import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { CreatePickupPointDto, PickupPointDto, PickupPointPageDto } from './dto/pickup-point.dto';
import { PickupPointsService } from './pickup-points.service';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller('pickup-points')
export class PickupPointsController {
  constructor(private readonly points: PickupPointsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: PickupPointDto })
  create(@Body() dto: CreatePickupPointDto): Promise<PickupPointDto> {
    return this.points.create(dto);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: PickupPointPageDto })
  list(@Query() page: PaginationQuery): Promise<PickupPointPageDto> {
    return this.points.list(page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: PickupPointDto })
  get(@Param('id', UuidParamPipe) id: string): Promise<PickupPointDto> {
    return this.points.get(id);
  }
}
