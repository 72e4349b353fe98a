import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { TextField } from '../../common/validation/validators';
import { CharterInputDto } from '../../charter/dto/charter.dto';

export class CreatePartnershipDto {
  @TextField(200, { example: 'Jette – Tafraout' }) name!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 2,
    maxItems: 2,
    uniqueItems: true,
    description: 'the two territories',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ArrayUnique({ message: 'territoryIds must name two different territories' })
  @IsUUID(undefined, { each: true })
  territoryIds!: string[];

  @ApiPropertyOptional({ type: CharterInputDto, description: 'charter version 1; no rules when left out' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CharterInputDto)
  charter?: CharterInputDto;
}

export class PartnershipDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) territoryIds!: string[];
  @ApiProperty({ description: 'the charter version in force' }) charterVersion!: number;
}

export class PartnershipPageDto {
  @ApiProperty({ type: [PartnershipDto] }) items!: PartnershipDto[];
  @ApiProperty() total!: number;
}
