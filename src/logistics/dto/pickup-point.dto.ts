import { ApiProperty } from '@nestjs/swagger';
import { LatitudeField, LongitudeField, TextField, UuidField } from '../../common/validation/validators';

export class CreatePickupPointDto {
  @UuidField() territoryId!: string;
  @TextField(200, { example: 'Entrepôt coopératif de Tiznit' }) name!: string;
  @TextField(500, { example: 'Route d’Aglou, Tiznit' }) address!: string;
  @LatitudeField({ example: 29.698 }) latitude!: number;
  @LongitudeField({ example: -9.731 }) longitude!: number;
}

export class PickupPointDto extends CreatePickupPointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class PickupPointPageDto {
  @ApiProperty({ type: [PickupPointDto] }) items!: PickupPointDto[];
  @ApiProperty() total!: number;
}
