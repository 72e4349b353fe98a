import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { IntField, MonthField, Type, UuidField } from '../../common/validation/validators';

export const MAX_DELIVERY_PLEDGE_LINES = 2000;

export class DeliveryPledgeLineDto {
  @UuidField({ description: "One of this cooperative's offers in the season" }) offerId!: string;
  @MonthField({ description: 'A month of the season whose cycle is still open' }) month!: string;
  @IntField(0, 1_000_000_000, { description: 'Sale units the cooperative commits to deliver that month' })
  quantity!: number;
}

export class PutDeliveryPledgesDto {
  @ApiProperty({
    type: [DeliveryPledgeLineDto],
    maxItems: MAX_DELIVERY_PLEDGE_LINES,
    description: 'Upserts one pledge per (offer, month) given; pledges not named are kept',
  })
  @IsArray()
  @ArrayMaxSize(MAX_DELIVERY_PLEDGE_LINES)
  @ValidateNested({ each: true })
  @Type(() => DeliveryPledgeLineDto)
  lines!: DeliveryPledgeLineDto[];
}

export class DeliveryPledgeDto {
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ minimum: 0 }) quantity!: number;
}
