import { ApiProperty } from '@nestjs/swagger';
import {
  CountryCodeField,
  CurrencyField,
  TextField,
  TimeZoneField,
} from '../../common/validation/validators';

export class CreateTerritoryDto {
  @TextField(200, { example: 'Jette' }) name!: string;
  @CountryCodeField() countryCode!: string;
  @TimeZoneField() timezone!: string;
  @CurrencyField() currency!: string;
}

export class TerritoryDto extends CreateTerritoryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class TerritoryPageDto {
  @ApiProperty({ type: [TerritoryDto] }) items!: TerritoryDto[];
  @ApiProperty() total!: number;
}
