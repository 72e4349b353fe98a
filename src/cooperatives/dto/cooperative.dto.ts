import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { NotBefore } from '../../common/validation/not-before';
import { DateField, ShareField, TextField, Type, UuidField } from '../../common/validation/validators';
import { CERTIFICATE_KINDS, type CertificateKind } from '../entities/certificate.entity';

export const MAX_CERTIFICATES = 50;

export class CreateCertificateDto {
  @ApiProperty({
    enum: CERTIFICATE_KINDS,
    description: 'organic certification or a participatory guarantee system',
  })
  @IsIn(CERTIFICATE_KINDS)
  kind!: CertificateKind;

  @TextField(200, { example: 'Ecocert', description: 'certifying body' }) body!: string;
  @TextField(100, { example: 'MA-BIO-154-2026' }) number!: string;
  @DateField() validFrom!: string;
  @DateField({ description: 'on or after validFrom' }) @NotBefore('validFrom') validTo!: string;
}

export class CreateCooperativeDto {
  @UuidField() territoryId!: string;
  @TextField(200, { example: 'Coopérative Tifawin' }) name!: string;

  @ApiProperty({ example: 'contact@tifawin.ma', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  contactEmail!: string;

  @ShareField({ description: 'share of its production sold locally, 0..1' }) localSalesShare!: number;

  @ApiPropertyOptional({ type: [CreateCertificateDto], maxItems: MAX_CERTIFICATES, default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CERTIFICATES)
  @ValidateNested({ each: true })
  @Type(() => CreateCertificateDto)
  certificates?: CreateCertificateDto[];
}

export class CertificateDto extends CreateCertificateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class CooperativeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) territoryId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() contactEmail!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) localSalesShare!: number;
  @ApiProperty({ type: [CertificateDto] }) certificates!: CertificateDto[];
}

export class CooperativePageDto {
  @ApiProperty({ type: [CooperativeDto] }) items!: CooperativeDto[];
  @ApiProperty() total!: number;
}
