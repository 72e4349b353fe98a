import { ApiProperty } from '@nestjs/swagger';
import { UuidField } from '../../common/validation/validators';
import { PERSON_LOCALES } from '../../notifications/domain/person-locale';

export class DistributionListQuery {
  @UuidField({
    optional: true,
    description: 'the group whose list to read: required for an admin; a coordinator reads its own',
  })
  consumerGroupId?: string;
}

class DropPointNameDto {
  @ApiProperty() name!: string;
  @ApiProperty() address!: string;
}

export class DistributionGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: DropPointNameDto }) dropPoint!: DropPointNameDto;
}

export class DistributionLineDto {
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ example: 'Huile d’argan' }) product!: string;
  @ApiProperty({ example: 'bouteille 1 l' }) unit!: string;
  @ApiProperty() cooperative!: string;
  @ApiProperty({ description: 'sale units per package' }) packSize!: number;
  @ApiProperty({ description: 'units allocated to the member' }) allocated!: number;
  @ApiProperty({
    description: 'units to hand over: what reception shared back (less than allocated when goods were short)',
  })
  quantity!: number;
  @ApiProperty({ description: 'whole packs of packSize in quantity' }) packs!: number;
  @ApiProperty({ description: 'units of quantity beyond the whole packs' }) looseUnits!: number;
}

export class DistributionMemberDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'false for a member who has left the group since' }) active!: boolean;
  @ApiProperty({ type: [DistributionLineDto] }) lines!: DistributionLineDto[];
  @ApiProperty({ description: 'Σ quantity of its lines' }) units!: number;
}

export class DistributionTotalDto extends DistributionLineDto {
  @ApiProperty({ description: 'units the coordinator recorded as arrived' }) received!: number;
  @ApiProperty({ description: 'received beyond the allocations: handed to nobody' }) surplus!: number;
}

export class DistributionTotalsDto {
  @ApiProperty({ type: [DistributionTotalDto], description: 'per offer: quantity = Σ of the members’' })
  lines!: DistributionTotalDto[];
  @ApiProperty({ description: 'Σ units to hand over' }) units!: number;
  @ApiProperty({ description: 'members to hand goods to' }) members!: number;
}

export class DistributionListDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ format: 'uuid' }) seasonId!: string;
  @ApiProperty() season!: string;
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ enum: PERSON_LOCALES, description: 'the caller’s locale, else its group territory’s' })
  locale!: string;
  @ApiProperty({ example: 'Europe/Brussels', description: 'the consumer territory’s time zone' })
  timeZone!: string;
  @ApiProperty({ type: DistributionGroupDto }) consumerGroup!: DistributionGroupDto;
  @ApiProperty({ description: 'version of the reception report the list follows' }) receiptVersion!: number;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ type: [DistributionMemberDto], description: 'in name order' })
  members!: DistributionMemberDto[];
  @ApiProperty({ type: DistributionTotalsDto }) totals!: DistributionTotalsDto;
}
