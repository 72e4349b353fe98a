import { ApiProperty } from '@nestjs/swagger';
import { IntField, UuidField } from '../../common/validation/validators';

export class CreateOfferDto {
  @UuidField({ description: "A cooperative of the season's producer territory" }) cooperativeId!: string;
  @UuidField() productId!: string;
  @IntField(0, 1_000_000_000_000, {
    description: 'Price of one sale unit in minor units of the season currency',
  })
  unitPriceMinor!: number;
  @IntField(1, 10_000, { description: 'Sale units per package' }) packSize!: number;
  @IntField(0, 1_000_000_000, { description: 'Declared monthly production of the product, in sale units' })
  monthlyCapacity!: number;
}

export class OfferDto extends CreateOfferDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) seasonId!: string;
}

export class OfferProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Argan oil' }) name!: string;
  @ApiProperty({ example: '080510' }) hsCode!: string;
  @ApiProperty({ example: '1 l bottle', description: 'the sale unit quantities are counted in' })
  unit!: string;
  @ApiProperty({ example: 1 }) unitNetKg!: number;
  @ApiProperty({ example: 1.05 }) unitGrossKg!: number;
  @ApiProperty({ example: 'oil' }) category!: string;
}

export class OfferTerritoryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'MA' }) countryCode!: string;
}

export class OfferCooperativeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: OfferTerritoryDto }) territory!: OfferTerritoryDto;
}

/** An offer as the season's people read it: what, from whom, at what price. */
export class OfferViewDto extends OfferDto {
  @ApiProperty({ example: 'EUR', description: 'the season currency unitPriceMinor is in' }) currency!: string;
  @ApiProperty({ type: OfferProductDto }) product!: OfferProductDto;
  @ApiProperty({ type: OfferCooperativeDto }) cooperative!: OfferCooperativeDto;
}

export class OfferPageDto {
  @ApiProperty({ type: [OfferViewDto] }) items!: OfferViewDto[];
  @ApiProperty() total!: number;
}
