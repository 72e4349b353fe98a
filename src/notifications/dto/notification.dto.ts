import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TimeRangeQuery } from '../../common/pagination/time-range.dto';
import { TextField, UuidField } from '../../common/validation/validators';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  type NotificationChannel,
  type NotificationStatus,
} from '../notification.types';

export class ListNotificationsQuery extends TimeRangeQuery {
  @UuidField({ optional: true, description: 'only the notifications of this cycle' }) cycleId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS })
  @IsOptional()
  @IsIn(NOTIFICATION_CHANNELS)
  channel?: NotificationChannel;

  @TextField(60, { optional: true, example: 'confirmation-request', description: 'only this kind' })
  kind?: string;
}

export class NotificationAttemptDto {
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ enum: ['sent', 'failed', 'skipped'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: 'SMTP response, HTTP status or error' })
  detail!: string | null;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'unique per message, so a stage run twice notifies once' }) dedupeKey!: string;
  @ApiProperty({
    example: 'confirmation-request',
    description: 'what the message is about: the dedupe key up to the first id in it',
  })
  kind!: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) cycleId!: string | null;
  @ApiProperty({ enum: ['cooperative', 'transport_organiser'] }) recipientType!: string;
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty({ description: 'email address or webhook URL' }) target!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the email subject, or the webhook event' })
  subject!: string | null;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status!: string;
  @ApiProperty({ description: 'delivery attempts so far' }) attemptCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: [NotificationAttemptDto] }) attempts!: NotificationAttemptDto[];
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() total!: number;
}
