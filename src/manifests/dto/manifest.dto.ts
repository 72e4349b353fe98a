import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { CsvQuery } from '../../common/http/csv-query';
import { IntField } from '../../common/validation/validators';
import { TRANSPORT_MODES } from '../../logistics/domain/transport-modes';

// The OpenAPI description of a manifest (src/manifests/domain/manifest.types.ts is the type).

class RefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class PlaceDto {
  @ApiProperty() name!: string;
  @ApiProperty() address!: string;
  @ApiProperty() latitude!: number;
  @ApiProperty() longitude!: number;
}

class VehicleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TRANSPORT_MODES }) mode!: string;
}

class CarrierDto {
  @ApiProperty({ format: 'uuid' }) transportOrganiserId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: VehicleDto }) vehicle!: VehicleDto;
  @ApiProperty() contactEmail!: string;
}

class LoadingDto {
  @ApiProperty({ type: PlaceDto }) pickupPoint!: PlaceDto;
  @ApiProperty({ format: 'date' }) date!: string;
}

class SenderDto {
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() territory!: string;
  @ApiProperty() countryCode!: string;
  @ApiProperty({ type: [String], description: 'certificates valid on the loading date' })
  certificateNumbers!: string[];
}

class QuantitiesDto {
  @ApiProperty() packages!: number;
  @ApiProperty() units!: number;
  @ApiProperty() netKg!: number;
  @ApiProperty() grossKg!: number;
}

class UnloadingLineDto extends QuantitiesDto {
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
}

class ConsigneeDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: PlaceDto }) dropPoint!: PlaceDto;
  @ApiProperty() contactEmail!: string;
}

class StopDto {
  @ApiProperty() order!: number;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty({ type: ConsigneeDto }) consignee!: ConsigneeDto;
  @ApiProperty() distanceFromPreviousKm!: number;
  @ApiProperty({ type: [UnloadingLineDto] }) unloading!: UnloadingLineDto[];
}

class GoodsLineDto extends QuantitiesDto {
  @ApiProperty({ format: 'uuid' }) cooperativeId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() hsCode!: string;
  @ApiProperty() originCountry!: string;
  @ApiProperty({ type: String, nullable: true }) certificate!: string | null;
}

export class ManifestDto {
  @ApiProperty({ example: 'MAN-202703-0001' }) number!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: RefDto }) season!: RefDto;
  @ApiProperty({ type: RefDto }) partnership!: RefDto;
  @ApiProperty({ example: '2027-03' }) cycleMonth!: string;
  @ApiProperty({ type: CarrierDto }) carrier!: CarrierDto;
  @ApiProperty({ type: LoadingDto }) loading!: LoadingDto;
  @ApiProperty({ type: [SenderDto] }) senders!: SenderDto[];
  @ApiProperty({ type: [StopDto] }) stops!: StopDto[];
  @ApiProperty({ type: [GoodsLineDto] }) lines!: GoodsLineDto[];
  @ApiProperty({ type: QuantitiesDto }) totals!: QuantitiesDto;
  @ApiProperty() distanceKm!: number;
  @ApiProperty() tonneKm!: number;
  @ApiProperty() co2eKg!: number;
  @ApiProperty({ enum: ['en', 'fr'] }) locale!: string;
}

export class ManifestVersionQuery {
  @Type(() => Number)
  @IntField(1, 100_000, { optional: true, description: 'a given version; the latest when left out' })
  version?: number;
}

export class ManifestCsvQuery extends IntersectionType(ManifestVersionQuery, CsvQuery) {}
