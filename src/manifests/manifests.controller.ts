import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { csvOptions } from '../common/http/csv-query';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { ManifestCsvQuery, ManifestDto, ManifestVersionDto, ManifestVersionQuery } from './dto/manifest.dto';
import { ShipmentDocumentsBody } from './dto/shipment-documents.dto';
import { ManifestsService } from './manifests.service';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('shipments/:id')
@Roles('admin', 'transporter')
export class ManifestsController {
  constructor(private readonly manifests: ManifestsService) {}

  @Get('manifest')
  @ApiOkResponse({ type: ManifestDto })
  json(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ManifestVersionQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.manifests.json(id, actor, query.version);
  }

  @Get('manifest/versions')
  @ApiOkResponse({ type: [ManifestVersionDto], description: 'newest first' })
  versions(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor) {
    return this.manifests.versions(id, actor);
  }

  @Get('manifest.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one row per goods line × stop', schema: { type: 'string' } })
  async csv(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ManifestCsvQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { name, body } = await this.manifests.csv(id, actor, query.version, csvOptions(query));
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`);
    return body;
  }

  @Get('manifest.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'the manifest as a PDF, labels in the organiser’s locale',
    schema: { type: 'string', format: 'binary' },
  })
  async pdf(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ManifestVersionQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { name, body } = await this.manifests.pdf(id, actor, query.version);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`);
    return body;
  }

  @Get('cmr.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      'the CMR consignment notes of the manifest version, one per consignee (stop), boxes numbered as on the IRU model form',
    schema: { type: 'string', format: 'binary' },
  })
  async cmr(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ManifestVersionQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { name, body } = await this.manifests.cmr(id, actor, query.version);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`);
    return body;
  }

  @Put('documents')
  @ApiOkResponse({
    type: ManifestDto,
    description: 'records the border documents and answers the manifest re-issued with them (a new version)',
  })
  documents(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ShipmentDocumentsBody,
    @CurrentActor() actor: Actor,
  ) {
    return this.manifests.documents(id, body, actor);
  }

  @Post('manifest/reissue')
  @Roles('admin')
  @HttpCode(201)
  @ApiOkResponse({ type: ManifestDto, description: 'the new version; earlier versions are kept' })
  reissue(@Param('id', UuidParamPipe) id: string, @CurrentActor() actor: Actor) {
    return this.manifests.reissue(id, actor);
  }
}
