import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
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
  @ApiProperty({ example: 'BE', description: "the consumer group's country (ISO 3166-1 alpha-2)" })
  countryCode!: string;
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
  @ApiProperty({
    description: 'its cooperative holds an organic or PGS certificate valid on the loading date',
  })
  organic!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'COI.EU.MA.2026.0001234',
    description: 'certificate of inspection (TRACES)',
  })
  coiNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'MA-BIO-154' }) controlBody!: string | null;
}

class ProofOfOriginDto {
  @ApiProperty({ enum: ['eur1', 'origin_declaration'] }) kind!: string;
  @ApiPropertyOptional({ description: 'EUR.1 serial number (kind eur1)' }) number?: string;
  @ApiPropertyOptional({ description: "exporter's REX number (kind origin_declaration)" })
  exporterRexNumber?: string;
  @ApiPropertyOptional({ description: 'the origin declaration text (kind origin_declaration)' })
  text?: string;
}

class ManifestDocumentsDto {
  @ApiProperty({ type: ProofOfOriginDto, nullable: true }) proofOfOrigin!: ProofOfOriginDto | null;
  @ApiProperty({ type: String, nullable: true }) phytosanitaryCertificateNumber!: string | null;
}

class DocumentWarningDto {
  @ApiProperty({ enum: ['PROOF_OF_ORIGIN_MISSING', 'COI_MISSING', 'PHYTOSANITARY_MISSING'] }) code!: string;
  @ApiPropertyOptional({ format: 'uuid' }) cooperativeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) productId?: string;
  @ApiProperty() message!: string;
}

class EmissionsScopeDto {
  @ApiProperty({ enum: ['well-to-wheel'] }) scope!: string;
  @ApiProperty({ example: 'ISO 14083:2023 / GLEC Framework v3' }) standard!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ example: 2023 }) year!: number;
  @ApiProperty({ description: "the vehicle's mode's factor, g CO2e per tonne-km" })
  gramsCo2ePerTonneKm!: number;
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
  @ApiProperty({ description: 'well-to-wheel, see emissions' }) co2eKg!: number;
  @ApiProperty({ type: EmissionsScopeDto }) emissions!: EmissionsScopeDto;
  @ApiProperty({ type: ManifestDocumentsDto }) documents!: ManifestDocumentsDto;
  @ApiProperty({
    type: [DocumentWarningDto],
    description: 'documents the route requires that the shipment lacks',
  })
  documentWarnings!: DocumentWarningDto[];
  @ApiProperty({ enum: ['en', 'fr'] }) locale!: string;
}

export class ManifestVersionDto {
  @ApiProperty({ example: 'MAN-202703-0001' }) number!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'email of the user who reissued it; null for the version the dispatch stage issued',
  })
  issuedBy!: string | null;
}

export class ManifestVersionQuery {
  @Type(() => Number)
  @IntField(1, 100_000, { optional: true, description: 'a given version; the latest when left out' })
  version?: number;
}

export class ManifestCsvQuery extends IntersectionType(ManifestVersionQuery, CsvQuery) {}
