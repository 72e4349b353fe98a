import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, ValidateBy } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/actor';
import {
  PERSON_NOTIFICATION_KINDS,
  type PersonNotificationKind,
} from '../../notifications/domain/person-notification-kinds';
import { notificationKindsSchema } from '../../notifications/dto/notification-kinds.schema';
import { LOCALES, type Locale } from '../domain/account-mails';

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'the language of e-mails and of the web app' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    ...notificationKindsSchema,
    description: 'kinds switched on (true) or off (false); kinds left out keep their setting',
    example: { 'cycle.closing': false },
  })
  @IsOptional()
  @IsObject()
  @ValidateBy({
    name: 'notificationKinds',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.entries(value).every(
          ([kind, on]) =>
            (PERSON_NOTIFICATION_KINDS as readonly string[]).includes(kind) && typeof on === 'boolean',
        ),
      defaultMessage: () =>
        `notifications must map kinds (${PERSON_NOTIFICATION_KINDS.join(', ')}) to true or false`,
    },
  })
  notifications?: Partial<Record<PersonNotificationKind, boolean>>;
}

export class MeSettingsDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ enum: LOCALES, nullable: true, type: String }) locale!: string | null;
  @ApiProperty({
    ...notificationKindsSchema,
    description: "the kinds the user's role is sent (as on GET /me), true when it is received",
  })
  notifications!: Partial<Record<PersonNotificationKind, boolean>>;
}
