import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsUrl,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DecimalField, IntField, TextField, Type } from '../../common/validation/validators';
import { LOCALES, type Locale } from '../domain/locales';
import { TRANSPORT_MODES, type TransportMode } from '../domain/transport-modes';
import { ORGANISER_SIDES, type OrganiserSide } from '../entities/transport-organiser.entity';

export const MAX_VEHICLES = 50;
export const MAX_CAPACITY_KG = 1_000_000;
// Far above any real cost per km, and well inside what a JavaScript number holds exactly.
export const MAX_COST_PER_KM_MINOR = 1_000_000_000;

export class CreateVehicleDto {
  @TextField(200, { example: 'Refrigerated truck 1' }) name!: string;

  @ApiProperty({ enum: TRANSPORT_MODES })
  @IsIn(TRANSPORT_MODES)
  mode!: TransportMode;

  @DecimalField(0.001, MAX_CAPACITY_KG, 3, {
    description: 'greater than 0, at most 3 decimals',
    example: 12000,
  })
  capacityKg!: number;

  @IntField(0, MAX_COST_PER_KM_MINOR, {
    optional: true,
    description: 'minor units of the season currency per km',
  })
  costPerKmMinor?: number;
}

export class CreateTransportOrganiserDto {
  @TextField(200, { example: 'Trans-Atlas Logistique' }) name!: string;

  @ApiProperty({ enum: ORGANISER_SIDES })
  @IsIn(ORGANISER_SIDES)
  side!: OrganiserSide;

  @ApiProperty({ example: 'dispatch@trans-atlas.example', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  contactEmail!: string;

  @ApiPropertyOptional({ description: 'http(s) URL that receives signed manifest webhooks', maxLength: 2048 })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  webhookUrl?: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: 'language of its manifests and emails' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiProperty({ type: [CreateVehicleDto], minItems: 1, maxItems: MAX_VEHICLES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_VEHICLES)
  @ValidateNested({ each: true })
  @Type(() => CreateVehicleDto)
  vehicles!: CreateVehicleDto[];
}

export class VehicleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TRANSPORT_MODES }) mode!: TransportMode;
  @ApiProperty() capacityKg!: number;
  @ApiProperty({ nullable: true, type: Number }) costPerKmMinor!: number | null;
}

export class TransportOrganiserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISER_SIDES }) side!: OrganiserSide;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ nullable: true, type: String }) webhookUrl!: string | null;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty({ type: [VehicleDto] }) vehicles!: VehicleDto[];
}

export class TransportOrganiserPageDto {
  @ApiProperty({ type: [TransportOrganiserDto] }) items!: TransportOrganiserDto[];
  @ApiProperty() total!: number;
}
