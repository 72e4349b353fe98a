import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { IntField, UuidField } from '../../common/validation/validators';
import { CYCLE_STATUSES } from '../../seasons/domain/cycle-status';

export class ReceiptLineDto {
  @UuidField({ description: 'an offer shipped to the group in this cycle' }) offerId!: string;
  @IntField(0, 1_000_000_000, {
    description: 'units that arrived; at most the units shipped to the group (a surplus is not recorded)',
  })
  quantity!: number;
}

export class ReceiptDto {
  @ApiProperty({
    type: [ReceiptLineDto],
    maxItems: 500,
    description: 'a shipped offer left out counts as 0 received (nothing of it arrived)',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ReceiptLineDto)
  lines!: ReceiptLineDto[];

  @IntField(0, 1_000_000, {
    optional: true,
    description: 'the version last read (0 before the first report); a stale one answers 409',
  })
  version?: number;
}

export class ReceiptResultLineDto {
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ description: 'units allocated to the group' }) allocated!: number;
  @ApiProperty({ description: 'units a shipment carries for the group: what it can receive' })
  shipped!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'units received; null until the group reports' })
  received!: number | null;
}

export class ReceiptResultDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty({ description: 'version of the report; 0 before the first' }) version!: number;
  @ApiProperty({ type: [ReceiptResultLineDto] }) lines!: ReceiptResultLineDto[];
  @ApiProperty({ enum: CYCLE_STATUSES }) cycleStatus!: string;
}
