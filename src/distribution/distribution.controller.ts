import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { DistributionService } from './distribution.service';
import { DistributionListDto, DistributionListQuery } from './dto/distribution-list.dto';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles/:id')
@Roles('admin', 'coordinator')
export class DistributionController {
  constructor(private readonly distribution: DistributionService) {}

  @Get('distribution-list')
  @ApiOkResponse({
    type: DistributionListDto,
    description: 'per member what to hand over at the drop point, once the group’s delivery is recorded',
  })
  json(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: DistributionListQuery,
    @CurrentActor() actor: Actor,
  ): Promise<DistributionListDto> {
    return this.distribution.list(id, actor, query.consumerGroupId);
  }

  @Get('distribution-list.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'the distribution list to print, in the caller’s language (Arabic right to left)',
    schema: { type: 'string', format: 'binary' },
  })
  async pdf(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: DistributionListQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { name, body } = await this.distribution.pdf(id, actor, query.consumerGroupId);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`);
    return body;
  }
}
