import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { UuidField } from '../../common/validation/validators';
import {
  COI_NUMBER,
  CONTROL_BODY,
  EUR1_NUMBER,
  PHYTOSANITARY_NUMBER,
  REX_NUMBER,
} from '../domain/border-documents';

/** A reference in a checked format; `null` (or left out) records none. */
const Reference = (pattern: RegExp, format: string, example: string, optional = true) =>
  applyDecorators(
    ...(optional
      ? [
          IsOptional(),
          ApiPropertyOptional({
            type: String,
            nullable: true,
            pattern: pattern.source,
            example,
            description: format,
          }),
        ]
      : [ApiProperty({ type: String, pattern: pattern.source, example, description: format })]),
    IsString(),
    Matches(pattern, { message: `$property: must be ${format}, e.g. ${example}` }),
  );

export class LineCertificateDto {
  @UuidField({ description: 'the cooperative of a goods line of the shipment' }) cooperativeId!: string;
  @UuidField({ description: 'the product of that goods line' }) productId!: string;
  @Reference(
    COI_NUMBER,
    'a TRACES certificate of inspection reference COI.EU.<country>.<year>.<7 digits>',
    'COI.EU.MA.2026.0001234',
    false,
  )
  coiNumber!: string;
  @Reference(CONTROL_BODY, 'an EU control body code <country>-BIO-<2 or 3 digits>', 'MA-BIO-154', false)
  controlBody!: string;
}

/** The whole set of border documents of a shipment: what is left out or null is recorded as none. */
export class ShipmentDocumentsBody {
  @Reference(EUR1_NUMBER, 'the EUR.1 serial number (5–20 letters, digits, spaces, / . -)', 'A 1234567')
  eur1Number?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description:
      'the origin declaration (statement on origin) text, instead of an EUR.1; needs exporterRexNumber',
  })
  originDeclaration?: string | null;

  @Reference(REX_NUMBER, "the exporter's REX number <country>REX<identifier>", 'SNREX1234567890')
  exporterRexNumber?: string | null;

  @Reference(
    PHYTOSANITARY_NUMBER,
    'the phytosanitary certificate number (3–40 letters, digits, spaces, / . -)',
    'MA/2026/000123',
  )
  phytosanitaryCertificateNumber?: string | null;

  @ApiPropertyOptional({
    type: [LineCertificateDto],
    maxItems: 500,
    description: 'per organic goods line: its COI',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => LineCertificateDto)
  certificates?: LineCertificateDto[];
}
