import { CYCLE_STATUSES } from '../domain/cycle-status';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsObject,
  IsOptional,
  IsPositive,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import {
  CurrencyField,
  DecimalField,
  IntField,
  MonthField,
  TextField,
  Type,
  UuidField,
} from '../../common/validation/validators';

export const MAX_SEASON_MONTHS = 24;
export const MAX_SEASON_TRANSPORT_ORGANISERS = 20;

export class SeasonCalendarInputDto {
  @IntField(1, 31, {
    optional: true,
    description: 'Day of the month before delivery at whose end pledges lock (default 10)',
  })
  lockDay?: number;
  @IntField(0, 28, {
    optional: true,
    description: 'Days after the lock that cooperatives have to confirm (default 5)',
  })
  confirmationDays?: number;
  @IntField(1, 31, {
    optional: true,
    description: 'Day of the delivery month the goods are loaded (default 1)',
  })
  loadingDay?: number;
  @IntField(0, 28, {
    optional: true,
    description:
      'Days before a month locks that its members are reminded (cycle.closing; default 3, 0: none)',
  })
  reminderDays?: number;
}

export class CreateSeasonDto {
  @UuidField() partnershipId!: string;
  @TextField(200, { example: 'Oranges 2027' }) name!: string;
  @UuidField({ description: "One of the partnership's territories" }) producerTerritoryId!: string;
  @UuidField({ description: "The partnership's other territory; its time zone drives the calendar" })
  consumerTerritoryId!: string;
  @MonthField() firstMonth!: string;
  @MonthField({ description: 'YYYY-MM, at most 24 months after firstMonth counting both' })
  lastMonth!: string;
  @CurrencyField() currency!: string;

  @DecimalField(0, 1_000_000_000, 10, {
    description: 'Season currency → producer currency, > 0, at most 10 decimals',
    example: 10.85,
  })
  @IsPositive()
  exchangeRate!: number;

  @UuidField({ description: 'A pickup point in the producer territory' }) pickupPointId!: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_SEASON_TRANSPORT_ORGANISERS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SEASON_TRANSPORT_ORGANISERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  transportOrganiserIds!: string[];

  @ApiPropertyOptional({ type: SeasonCalendarInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SeasonCalendarInputDto)
  calendar?: SeasonCalendarInputDto;
}

export class SeasonCalendarDto {
  @ApiProperty({ minimum: 1, maximum: 31 }) lockDay!: number;
  @ApiProperty({ minimum: 0, maximum: 28 }) confirmationDays!: number;
  @ApiProperty({ minimum: 1, maximum: 31 }) loadingDay!: number;
  @ApiProperty({ minimum: 0, maximum: 28 }) reminderDays!: number;
}

export class SeasonCycleSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ enum: CYCLE_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the lock day in the consumer time zone, as UTC' })
  locksAt!: string;
  @ApiProperty({ format: 'date-time' }) confirmBy!: string;
  @ApiProperty({ format: 'date', example: '2027-03-01' }) loadingDate!: string;
  @ApiProperty({
    example: 'Europe/Brussels',
    description: 'the consumer territory’s IANA time zone, in which the calendar is computed and best shown',
  })
  timeZone!: string;
}

export class SeasonCycleDto extends SeasonCycleSummaryDto {
  @ApiProperty({ format: 'uuid' }) seasonId!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The charter version the cycle was checked against (set at lock)',
  })
  charterVersion!: number | null;
}

export class SeasonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) producerTerritoryId!: string;
  @ApiProperty({ format: 'uuid' }) consumerTerritoryId!: string;
  @ApiProperty({ example: '2027-01' }) firstMonth!: string;
  @ApiProperty({ example: '2027-06' }) lastMonth!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 10.85 }) exchangeRate!: number;
  @ApiProperty({ format: 'uuid' }) pickupPointId!: string;
  @ApiProperty({ example: 'Europe/Brussels', description: 'the consumer territory’s IANA time zone' })
  timeZone!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) transportOrganiserIds!: string[];
  @ApiProperty({ type: SeasonCalendarDto }) calendar!: SeasonCalendarDto;
}

export class SeasonWithCyclesDto extends SeasonDto {
  @ApiProperty({ type: [SeasonCycleSummaryDto] }) cycles!: SeasonCycleSummaryDto[];
}

export class SeasonPageDto {
  @ApiProperty({ type: [SeasonDto] }) items!: SeasonDto[];
  @ApiProperty() total!: number;
}

export class EnrolGroupDto {
  @UuidField({ description: 'A consumer group of the season’s consumer territory' }) consumerGroupId!: string;
}

export class SeasonGroupDto {
  @ApiProperty({ format: 'uuid' }) seasonId!: string;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: string;
}

export class SeasonGroupPageDto {
  @ApiProperty({ type: [SeasonGroupDto] }) items!: SeasonGroupDto[];
  @ApiProperty() total!: number;
}
