import { ApiProperty } from '@nestjs/swagger';

export class MemberStatementDto {
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty({ description: 'Σ units received × unit price, minor units' }) goodsMinor!: number;
  @ApiProperty({ description: 'share of the transport cost, by gross weight shipped' })
  transportMinor!: number;
  @ApiProperty() totalMinor!: number;
  @ApiProperty({ example: 'EUR', description: 'the season currency' }) currency!: string;
  @ApiProperty({
    description:
      'kg CO2e of the transport of the basket, well-to-wheel (ISO 14083 / GLEC): each shipment’s CO2e shared by gross weight shipped, as transportMinor is',
  })
  transportCo2eKg!: number;
}

export class CooperativeStatementDto {
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ description: 'due in the season currency, minor units' }) dueMinor!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ description: 'due in the producer currency at the season exchange rate' })
  dueProducerMinor!: number;
  @ApiProperty({ example: 'MAD' }) producerCurrency!: string;
}

export class StatementTotalsDto {
  @ApiProperty({ description: 'Σ goodsMinor of the members shown' }) goodsMinor!: number;
  @ApiProperty({ description: 'Σ transportMinor of the members shown' }) transportMinor!: number;
  @ApiProperty({ description: 'Σ totalMinor of the members shown' }) totalMinor!: number;
  @ApiProperty({ description: 'Σ dueMinor of the cooperatives shown' }) dueMinor!: number;
  @ApiProperty({ description: 'Σ dueProducerMinor of the cooperatives shown' }) dueProducerMinor!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Σ cost of the cycle shipments (admin only, else null)',
  })
  shipmentsCostMinor!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'cost of shipments that carried no member goods, so shared by nobody (admin only, else null)',
  })
  unassignedTransportMinor!: number | null;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'MAD' }) producerCurrency!: string;
}

export class StatementsDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ type: [MemberStatementDto] }) members!: MemberStatementDto[];
  @ApiProperty({ type: [CooperativeStatementDto] }) cooperatives!: CooperativeStatementDto[];
  @ApiProperty({ type: StatementTotalsDto }) totals!: StatementTotalsDto;
}
