import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { CreateTerritoryDto, TerritoryDto, TerritoryPageDto } from './dto/territory.dto';
import { TerritoriesService } from './territories.service';

@ApiTags('territories')
@ApiBearerAuth()
@Controller('territories')
export class TerritoriesController {
  constructor(private readonly territories: TerritoriesService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: TerritoryDto })
  create(@Body() dto: CreateTerritoryDto): Promise<TerritoryDto> {
    return this.territories.create(dto);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: TerritoryPageDto })
  list(@Query() page: PaginationQuery): Promise<TerritoryPageDto> {
    return this.territories.list(page.limit, page.offset);
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: TerritoryDto })
  get(@Param('id', UuidParamPipe) id: string): Promise<TerritoryDto> {
    return this.territories.get(id);
  }
}
