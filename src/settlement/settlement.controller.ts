import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { csvOptions, CsvQuery } from '../common/http/csv-query';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { ReceiptDto, ReceiptResultDto } from './dto/receipt.dto';
import { StatementsDto } from './dto/statements.dto';
import { ReceiptsService } from './receipts.service';
import { statementsToCsv } from './statements-csv';
import { StatementsService } from './statements.service';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('cycles/:id')
export class SettlementController {
  constructor(
    private readonly receipts: ReceiptsService,
    private readonly statements: StatementsService,
  ) {}

  @Put('receipts/:consumerGroupId')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: ReceiptResultDto })
  record(
    @Param('id', UuidParamPipe) id: string,
    @Param('consumerGroupId', UuidParamPipe) consumerGroupId: string,
    @Body() dto: ReceiptDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReceiptResultDto> {
    return this.receipts.record(id, consumerGroupId, dto, actor);
  }

  @Get('receipts/:consumerGroupId')
  @Roles('admin', 'coordinator')
  @ApiOkResponse({ type: ReceiptResultDto })
  receipt(
    @Param('id', UuidParamPipe) id: string,
    @Param('consumerGroupId', UuidParamPipe) consumerGroupId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ReceiptResultDto> {
    return this.receipts.get(id, consumerGroupId, actor);
  }

  @Get('statements')
  @Roles('admin', 'coordinator', 'member', 'cooperative')
  @ApiOkResponse({ type: StatementsDto })
  statementsJson(
    @Param('id', UuidParamPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<StatementsDto> {
    return this.statements.get(id, actor);
  }

  @Get('statements.csv')
  @Roles('admin', 'coordinator', 'member', 'cooperative')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'header, one row per member, then one per cooperative; amounts in minor units and as decimals',
    schema: { type: 'string' },
  })
  // The type is set once the statements are read: an error still leaves as JSON.
  async statementsCsv(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CsvQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = statementsToCsv(await this.statements.get(id, actor), csvOptions(query));
    void reply.header('Content-Type', 'text/csv; charset=utf-8');
    return csv;
  }
}
