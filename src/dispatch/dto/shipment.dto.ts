import { ApiProperty } from '@nestjs/swagger';
import { TRANSPORT_MODES } from '../../logistics/domain/transport-modes';

export class ShipmentVehicleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TRANSPORT_MODES }) mode!: string;
  @ApiProperty() capacityKg!: number;
}

export class QuantitiesDto {
  @ApiProperty() packages!: number;
  @ApiProperty() units!: number;
  @ApiProperty() netKg!: number;
  @ApiProperty() grossKg!: number;
}

export class DropPointRefDto {
  @ApiProperty() name!: string;
  @ApiProperty() address!: string;
}

export class ShipmentStopDto {
  @ApiProperty({ description: '1 = first stop after the pickup point' }) order!: number;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty() distanceFromPreviousKm!: number;
  @ApiProperty({ description: "the consignee: the consumer group's name" }) consignee!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ type: DropPointRefDto }) dropPoint!: DropPointRefDto;
  @ApiProperty({ type: QuantitiesDto, description: 'what is unloaded at this stop' })
  unloading!: QuantitiesDto;
}

export class ManifestRefDto {
  @ApiProperty({ example: 'MAN-202703-0001' }) number!: string;
  @ApiProperty() version!: number;
}

export class ShipmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) transportOrganiserId!: string;
  @ApiProperty({ type: ShipmentVehicleDto }) vehicle!: ShipmentVehicleDto;
  @ApiProperty({ type: [ShipmentStopDto] }) stops!: ShipmentStopDto[];
  @ApiProperty({ type: QuantitiesDto }) totals!: QuantitiesDto;
  @ApiProperty({ description: 'great-circle × 1.25, pickup point to the last stop' }) distanceKm!: number;
  @ApiProperty({ description: 'Σ legs of tonnes on board × km' }) tonneKm!: number;
  @ApiProperty() co2eKg!: number;
  @ApiProperty({ description: "vehicle's cost per km × distance, season currency" }) costMinor!: number;
  @ApiProperty({ type: ManifestRefDto }) manifest!: ManifestRefDto;
}

export class UnplacedGoodsDto {
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty({ format: 'uuid' }) offerId!: string;
  @ApiProperty() grossKg!: number;
  @ApiProperty({ enum: ['no_allowed_vehicle', 'line_exceeds_capacity', 'no_capacity_left'] }) reason!: string;
}

export class ShipmentListDto {
  @ApiProperty({ type: [ShipmentDto] }) items!: ShipmentDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ type: [UnplacedGoodsDto], description: 'goods no allowed vehicle could take (admins only)' })
  unplaced!: UnplacedGoodsDto[];
}
