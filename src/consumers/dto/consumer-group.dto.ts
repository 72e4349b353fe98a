import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { LatitudeField, LongitudeField, TextField, UuidField } from '../../common/validation/validators';
import { EmailField } from './email-field';

export class DropPointDto {
  @TextField(200, { example: 'Salle paroissiale' }) name!: string;
  @TextField(500, { example: 'Rue Léopold Ier 329, 1090 Jette' }) address!: string;
  @LatitudeField({ example: 50.878 }) latitude!: number;
  @LongitudeField({ example: 4.327 }) longitude!: number;
}

export class CreateConsumerGroupDto {
  @UuidField({ description: 'the consumer territory' }) territoryId!: string;
  @TextField(200, { example: 'GASAP Jette Centre' }) name!: string;
  @TextField(40, { example: 'GASAP', description: 'GASAP, AMAP, CSA, GAS…' }) kind!: string;

  @ApiProperty({ type: DropPointDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DropPointDto)
  dropPoint!: DropPointDto;

  @EmailField('coordination@gasap-jette.be') contactEmail!: string;
}

export class ConsumerGroupDto extends CreateConsumerGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ConsumerGroupPageDto {
  @ApiProperty({ type: [ConsumerGroupDto] }) items!: ConsumerGroupDto[];
  @ApiProperty() total!: number;
}
