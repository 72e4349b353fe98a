import { ApiProperty } from '@nestjs/swagger';
import { MonthField, UuidField } from '../../common/validation/validators';

export class CommitmentsQuery {
  @MonthField({ optional: true, description: 'Only this month' }) month?: string;
  @UuidField({ optional: true, description: 'Only this group (a coordinator: its own group, the default)' })
  consumerGroupId?: string;
}

export class CommitmentDto {
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ description: "The sum of the group's members' pledges" }) quantity!: number;
}

export class PlanRowDto {
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ description: "All groups' commitments on the offer that month" }) commitments!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The cooperative’s delivery pledge; null when it has made none',
  })
  deliveryPledge!: number | null;
  @ApiProperty() monthlyCapacity!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "floor(maxExportShare × monthlyCapacity) from the partnership's current charter; null without that rule",
  })
  exportCap!: number | null;
}

export class LiveDemandDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty({
    description: 'all groups’ live commitments on the offer that month (the sum of every pledge)',
  })
  demand!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the caller’s group’s commitment within that demand; null for an admin',
  })
  groupQuantity!: number | null;
  @ApiProperty() monthlyCapacity!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "floor(maxExportShare × monthlyCapacity) from the partnership's current charter; null without that rule",
  })
  exportCap!: number | null;
  @ApiProperty({
    description:
      'demand is above the export cap: at lock the supply will be capped and pledges shared pro rata',
  })
  overCap!: boolean;
}
