import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { IntField, Type, UuidField } from '../../common/validation/validators';

export const MAX_MEMBER_PLEDGE_LINES = 500;
export const MAX_MEMBER_PLEDGE_QUANTITY = 1_000_000;

export class MemberPledgeLineDto {
  @UuidField({ description: 'An offer of this season' }) offerId!: string;
  @IntField(0, MAX_MEMBER_PLEDGE_QUANTITY, { description: 'Sale units per month; 0 removes the line' })
  quantity!: number;
}

export class PutMemberPledgesDto {
  @ApiProperty({
    type: [MemberPledgeLineDto],
    maxItems: MAX_MEMBER_PLEDGE_LINES,
    description: 'Replaces all lines; one line per offer',
  })
  @IsArray()
  @ArrayMaxSize(MAX_MEMBER_PLEDGE_LINES)
  @ValidateNested({ each: true })
  @Type(() => MemberPledgeLineDto)
  lines!: MemberPledgeLineDto[];
}

export class MemberPledgeDto {
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ minimum: 1 }) quantity!: number;
}
