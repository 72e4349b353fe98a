import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/actor';
import { PaginationQuery } from '../../common/pagination/pagination.dto';
import { TextField } from '../../common/validation/validators';
import { LOCALES, type Locale } from '../domain/account-mails';

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class CreateInvitationDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'amina@example.org' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: ROLES, description: 'a coordinator may only invite members' })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'coordinator; or member with `name` (a coordinator: its own group, the default)',
  })
  @IsOptional()
  @IsUUID()
  consumerGroupId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'member: an existing member (else give `name`)' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'cooperative' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'transporter' })
  @IsOptional()
  @IsUUID()
  transportOrganiserId?: string;

  @TextField(200, {
    optional: true,
    example: 'Amina Benali',
    description: 'member: creates the member in the group, with this name and the email',
  })
  name?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'the language of the e-mail and of the new user' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consumerGroupId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) memberId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) cooperativeId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) transportOrganiserId!: string | null;
  @ApiProperty({ enum: LOCALES, nullable: true, type: String }) locale!: string | null;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acceptedAt!: string | null;
}

export class InvitationPageDto {
  @ApiProperty({ type: [InvitationDto] }) items!: InvitationDto[];
  @ApiProperty() total!: number;
}

export class ListInvitationsQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: InvitationStatus;
}
