import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { PaginationQuery } from '../../common/pagination/pagination.dto';
import { IntField, TextField, UuidField } from '../../common/validation/validators';
import { TRANSPORT_MODES } from '../../logistics/domain/transport-modes';
import { CYCLE_STATUSES } from '../../seasons/domain/cycle-status';

const SHARE = 'a share, 0..1';

/**
 * The plain values a violation's message is built from, for a client to say it in its reader's
 * language: which of them a violation carries depends on its rule (charter-rules.types.ts,
 * transport-rules.ts); a violation recorded before they were kept has none ({}).
 */
export class ViolationFactsDto {
  @ApiProperty({ required: false, description: 'all but LOCAL_SALES_SHARE and the transport rules' })
  offerId?: string;
  @ApiProperty({ required: false, type: String, nullable: true, description: 'the offer’s product name' })
  product?: string | null;
  @ApiProperty({
    required: false,
    description: 'the offer’s cooperative (LOCAL_SALES_SHARE: the one concerned)',
  })
  cooperativeId?: string;
  @ApiProperty({ required: false, type: String, nullable: true, description: 'the cooperative’s name' })
  cooperative?: string | null;
  @ApiProperty({ required: false, format: 'date', description: 'ORGANIC_CERTIFICATE' })
  loadingDate?: string;
  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'ORGANIC_CERTIFICATE: certificates on file, none valid on the loading date',
  })
  certificates?: number;
  @ApiProperty({ required: false, description: 'EXCLUDED_PRODUCT' }) productId?: string;
  @ApiProperty({
    required: false,
    description: `${SHARE}. LOCAL_SALES_SHARE: the cooperative’s local sales; EXPORT_SHARE: the charter’s export share`,
  })
  share?: number;
  @ApiProperty({ required: false, description: `${SHARE}. LOCAL_SALES_SHARE: the charter’s minimum` })
  minShare?: number;
  @ApiProperty({ required: false, type: 'integer', description: 'LOCAL_SALES_SHARE: the offers excluded' })
  offers?: number;
  @ApiProperty({ required: false, type: 'integer', description: 'FAIR_PRICE: the unit price, minor units' })
  priceMinor?: number;
  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'FAIR_PRICE: the charter’s floor, minor units',
  })
  floorMinor?: number;
  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    description: 'FAIR_PRICE: the season’s currency',
  })
  currency?: string | null;
  @ApiProperty({ required: false, type: 'integer', description: 'EXPORT_SHARE: units the groups committed' })
  demand?: number;
  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'EXPORT_SHARE: the offer’s monthly capacity',
  })
  capacity?: number;
  @ApiProperty({ required: false, type: 'integer', description: 'EXPORT_SHARE: the most units supplied' })
  capUnits?: number;
  @ApiProperty({ required: false, description: 'COMMITMENT_STABILITY' }) consumerGroupId?: string;
  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    description: 'COMMITMENT_STABILITY: its name',
  })
  group?: string | null;
  @ApiProperty({
    required: false,
    type: 'integer',
    description: 'COMMITMENT_STABILITY: units in the season’s first month',
  })
  firstMonth?: number;
  @ApiProperty({ required: false, type: 'integer', description: 'COMMITMENT_STABILITY: units this month' })
  quantity?: number;
  @ApiProperty({
    required: false,
    description: 'COMMITMENT_STABILITY: (quantity − firstMonth) / firstMonth, rounded away from zero',
  })
  variation?: number;
  @ApiProperty({ required: false, description: `${SHARE}. COMMITMENT_STABILITY: the charter’s maximum` })
  maxVariation?: number;
  @ApiProperty({ required: false, enum: TRANSPORT_MODES, description: 'TRANSPORT_MODE: the vehicle’s' })
  mode?: string;
  @ApiProperty({ required: false, enum: TRANSPORT_MODES, isArray: true, description: 'TRANSPORT_MODE' })
  forbiddenModes?: string[];
  @ApiProperty({ required: false, description: 'TRANSPORT_EMISSIONS: g CO2e per kg, rounded up to 0.1' })
  gramsPerKg?: number;
  @ApiProperty({ required: false, description: 'TRANSPORT_EMISSIONS: the charter’s maximum, g per kg' })
  maxGramsPerKg?: number;
}

export class ViolationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    enum: [
      'ORGANIC_CERTIFICATE',
      'EXCLUDED_PRODUCT',
      'LOCAL_SALES_SHARE',
      'FAIR_PRICE',
      'EXPORT_SHARE',
      'COMMITMENT_STABILITY',
      'TRANSPORT_MODE',
      'TRANSPORT_EMISSIONS',
    ],
  })
  rule!: string;
  @ApiProperty({ enum: ['blocking', 'warning'] }) severity!: string;
  @ApiProperty({ enum: ['offer', 'cooperative', 'group_offer', 'vehicle', 'shipment'] }) subjectType!: string;
  @ApiProperty({ description: 'offer id, cooperative id, `consumerGroupId:offerId`, vehicle or shipment id' })
  subject!: string;
  @ApiProperty({
    description: 'the sentence in English, with its numbers; `facts` hold them for a translation',
  })
  message!: string;
  @ApiProperty({ type: ViolationFactsDto }) facts!: ViolationFactsDto;
  @ApiProperty({
    enum: ['exclude', 'cap', 'none', 'skip_vehicle'],
    description: 'what the violation does while not waived',
  })
  effect!: string;
  @ApiProperty({ type: Number, nullable: true }) capUnits!: number | null;
  @ApiProperty() waived!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) waivedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) waiveReason!: string | null;
}

export class StageErrorDto {
  @ApiProperty({ example: 'lock', description: 'the stage that failed' }) stage!: string;
  @ApiProperty({ enum: CYCLE_STATUSES, description: 'the status it moves the cycle on from' })
  fromStatus!: string;
  @ApiProperty({ example: 'integer out of range' }) message!: string;
  @ApiProperty({ example: '22003', description: 'PostgreSQL SQLSTATE' }) code!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CycleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) seasonId!: string;
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ enum: CYCLE_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) locksAt!: Date;
  @ApiProperty({ format: 'date-time' }) confirmBy!: Date;
  @ApiProperty({ format: 'date' }) loadingDate!: string;
  @ApiProperty({
    example: 'Europe/Brussels',
    description: 'the consumer territory’s IANA time zone, in which locksAt and confirmBy fall at midnight',
  })
  timeZone!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'charter version checked at lock' })
  charterVersion!: number | null;
  @ApiProperty({ type: [ViolationDto] }) violations!: ViolationDto[];
  @ApiProperty({
    type: StageErrorDto,
    nullable: true,
    description:
      'the stage that failed for a reason retries cannot cure (a constraint, a value out of range); ' +
      'the clock leaves the cycle alone until POST …/advance runs it again, and a stage that succeeds clears it',
  })
  lastError!: StageErrorDto | null;
}

export class AdvanceResultDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ enum: CYCLE_STATUSES }) fromStatus!: string;
  @ApiProperty() jobId!: string;
}

export class WaiveDto {
  @TextField(1000, { example: 'Certificate renewal confirmed by the certifier on the phone' })
  reason!: string;
}

export class DemandQuery {
  @UuidField({ optional: true }) cooperativeId?: string;
}

export class DemandLineDto {
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ description: 'units committed by the groups' }) quantity!: number;
  @ApiProperty({ description: 'packages, counted per group (groups never share a package)' })
  packages!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'confirmed units, null until confirmed; from allocation on, for an offer its cooperative did not ' +
      'confirm, the delivery pledge it was held to (which may be above the demand: supply is the least of them)',
  })
  confirmed!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'units allocated to the groups (the sum of their shares), null until the cycle is allocated',
  })
  allocated!: number | null;
}

export class ConfirmationLineDto {
  @UuidField() offerId!: string;
  @IntField(0, 1_000_000_000) quantity!: number;
}

export class ConfirmationDto {
  @ApiProperty({ type: [ConfirmationLineDto], minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ConfirmationLineDto)
  lines!: ConfirmationLineDto[];

  @IntField(0, 1_000_000, { optional: true, description: 'the version last read; a stale one answers 409' })
  version?: number;
}

export class ConfirmationResultDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [ConfirmationLineDto] }) lines!: ConfirmationLineDto[];
}

export class ConfirmationStateDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ enum: CYCLE_STATUSES, description: 'confirmations are taken while it is confirming' })
  cycleStatus!: string;
  @ApiProperty({ format: 'date-time' }) confirmBy!: string;
  @ApiProperty({ description: 'send it back with the confirmation; 0 until the first one' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'email of who confirmed last' })
  confirmedBy!: string | null;
  @ApiProperty({ type: [ConfirmationLineDto], description: 'the quantities confirmed so far' })
  lines!: ConfirmationLineDto[];
}

export class AllocationsQuery extends PaginationQuery {
  @UuidField({ optional: true }) consumerGroupId?: string;
  @UuidField({ optional: true }) memberId?: string;
}

export class AllocationDto {
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty() pledged!: number;
  @ApiProperty() allocated!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'units received: the member’s share of what its group reported; null until the group reports',
  })
  received!: number | null;
}

export class AllocationPageDto {
  @ApiProperty({ type: [AllocationDto] }) items!: AllocationDto[];
  @ApiProperty() total!: number;
}

export class PickupPointRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() address!: string;
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
}

export class LoadingLineDto {
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty() units!: number;
  @ApiProperty() packages!: number;
  @ApiProperty() netKg!: number;
  @ApiProperty() grossKg!: number;
}

export class LoadingTotalsDto {
  @ApiProperty() units!: number;
  @ApiProperty() packages!: number;
  @ApiProperty() netKg!: number;
  @ApiProperty() grossKg!: number;
}

export class LoadingListDto {
  @ApiProperty({ type: PickupPointRefDto }) pickupPoint!: PickupPointRefDto;
  @ApiProperty({ format: 'date' }) loadingDate!: string;
  @ApiProperty({ type: [LoadingLineDto] }) lines!: LoadingLineDto[];
  @ApiProperty({ type: LoadingTotalsDto }) totals!: LoadingTotalsDto;
}
