import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { PaginationQuery } from '../common/pagination/pagination.dto';
import { CharterService } from './charter.service';
import {
  CharterInputDto,
  CharterVersionDto,
  CharterVersionPageDto,
  CharterVersionQuery,
} from './dto/charter.dto';

@ApiTags('charter')
@ApiBearerAuth()
@Controller('partnerships/:id/charter')
export class CharterController {
  constructor(private readonly charter: CharterService) {}

  @Put()
  @Roles('admin')
  @ApiOkResponse({ type: CharterVersionDto, description: 'the new version' })
  change(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CharterInputDto,
    @CurrentActor() actor: Actor,
  ): Promise<CharterVersionDto> {
    return this.charter.change(id, dto.rules, actor);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: CharterVersionDto, description: 'the latest version, or the one asked for' })
  get(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CharterVersionQuery,
  ): Promise<CharterVersionDto> {
    return this.charter.get(id, query.version);
  }

  @Get('versions')
  @Roles('admin')
  @ApiOkResponse({ type: CharterVersionPageDto, description: 'oldest first' })
  versions(
    @Param('id', UuidParamPipe) id: string,
    @Query() page: PaginationQuery,
  ): Promise<CharterVersionPageDto> {
    return this.charter.versions(id, page.limit, page.offset);
  }
}
