import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { DecimalField, IntField, ShareField, UuidField } from '../../common/validation/validators';
import { TRANSPORT_MODES, type TransportMode } from '../../logistics/domain/transport-modes';
import type { CharterRules } from '../domain/charter-rules.types';
import type { RuleKey } from '../domain/rules-diff';
import { RULE_KEYS } from '../domain/rules-document';

const MAX_LISTED_PRODUCTS = 500;

export class PriceFloorDto {
  @UuidField() productId!: string;
  @IntField(0, 1_000_000_000_000, { description: 'minimum unit price, minor units of the season currency' })
  minUnitPriceMinor!: number;
}

export class CharterRulesDto implements CharterRules {
  @ApiPropertyOptional({
    description: "every offer's cooperative must hold a valid organic or PGS certificate",
  })
  @IsOptional()
  @IsBoolean()
  organicRequired?: boolean;

  @ShareField({ optional: true, description: "a cooperative's minimum share of production sold locally" })
  minLocalSalesShare?: number;

  @ShareField({
    optional: true,
    description: "demand may not exceed this share of an offer's monthly capacity",
  })
  maxExportShare?: number;

  @ShareField({
    optional: true,
    description: "a group's commitment may move at most this much from its first month",
  })
  maxMonthlyVariation?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_LISTED_PRODUCTS, uniqueItems: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LISTED_PRODUCTS)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  excludedProductIds?: string[];

  @ApiPropertyOptional({ type: [PriceFloorDto], maxItems: MAX_LISTED_PRODUCTS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LISTED_PRODUCTS)
  @ValidateNested({ each: true })
  @Type(() => PriceFloorDto)
  priceFloors?: PriceFloorDto[];

  @ApiPropertyOptional({ enum: TRANSPORT_MODES, isArray: true, uniqueItems: true, example: ['air'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TRANSPORT_MODES.length)
  @ArrayUnique()
  @IsIn(TRANSPORT_MODES, { each: true })
  forbiddenTransportModes?: TransportMode[];

  @DecimalField(0, 1_000_000, 3, {
    optional: true,
    description: 'CO2e grams per kg carried; above it, a warning',
  })
  maxEmissionsGramsPerKg?: number;
}

export class CharterInputDto {
  @ApiProperty({ type: CharterRulesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CharterRulesDto)
  rules!: CharterRulesDto;
}

export class CharterVersionQuery {
  @Type(() => Number)
  @IntField(1, 1_000_000, { optional: true, description: 'a given version; the latest when left out' })
  version?: number;
}

export class CharterVersionDto {
  @ApiProperty({ format: 'uuid' }) partnershipId!: string;
  @ApiProperty({ minimum: 1 }) version!: number;
  @ApiProperty({ type: CharterRulesDto }) rules!: CharterRules;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CharterAuthorDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: 'secretary@example.org' }) email!: string;
}

export class CharterHistoryEntryDto extends CharterVersionDto {
  @ApiProperty({
    type: CharterAuthorDto,
    nullable: true,
    description: 'who saved this version; null for a user since deleted',
  })
  author!: CharterAuthorDto | null;

  @ApiProperty({
    enum: RULE_KEYS,
    isArray: true,
    description: 'the rules this version added, removed or changed against the one before it',
  })
  changedRules!: RuleKey[];
}

export class CharterVersionPageDto {
  @ApiProperty({ type: [CharterHistoryEntryDto] }) items!: CharterHistoryEntryDto[];
  @ApiProperty() total!: number;
}
