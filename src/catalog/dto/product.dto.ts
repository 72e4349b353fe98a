import { ApiProperty } from '@nestjs/swagger';
import { DecimalField, HsCodeField, TextField } from '../../common/validation/validators';

/** The column is numeric(12,4): four decimals, and a unit of more than a tonne is not a sale unit. */
const MAX_UNIT_KG = 1_000_000;

export class CreateProductDto {
  @TextField(200, { example: 'Argan oil' }) name!: string;
  @HsCodeField() hsCode!: string;
  @TextField(40, { example: '1 l bottle', description: 'the sale unit' }) unit!: string;
  @DecimalField(0.0001, MAX_UNIT_KG, 4, { example: 0.92, description: 'net kg per sale unit, > 0' })
  unitNetKg!: number;
  @DecimalField(0.0001, MAX_UNIT_KG, 4, { example: 1.45, description: 'gross kg per sale unit, ≥ unitNetKg' })
  unitGrossKg!: number;
  @TextField(80, { example: 'oils' }) category!: string;
}

export class ProductDto extends CreateProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] }) items!: ProductDto[];
  @ApiProperty() total!: number;
}
