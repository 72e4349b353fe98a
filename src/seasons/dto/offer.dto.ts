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

export class OfferPageDto {
  @ApiProperty({ type: [OfferDto] }) items!: OfferDto[];
  @ApiProperty() total!: number;
}
