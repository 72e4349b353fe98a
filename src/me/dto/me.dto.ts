import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '../../common/auth/actor';
import type { PersonNotificationKind } from '../../notifications/domain/person-notification-kinds';
import { notificationKindsSchema } from '../../notifications/dto/notification-kinds.schema';
import { NEXT_ACTIONS } from '../domain/next-step';

export class MeUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({
    type: String,
    enum: ['en', 'fr', 'ar', 'nl'],
    nullable: true,
    description: 'null: the territory default',
  })
  locale!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'a member’s own member record (the id its pledges are under)',
  })
  memberId!: string | null;
  @ApiProperty({
    ...notificationKindsSchema,
    description:
      'the kinds of e-mail sent to this user’s role, true when received; PATCH /me switches them (a transporter’s or an admin’s is empty)',
    example: { 'cycle.closing': true, 'cycle.allocated': true, 'statement.ready': false },
  })
  notifications!: Partial<Record<PersonNotificationKind, boolean>>;
}

export class MeOrganisationDto {
  @ApiProperty({ enum: ['consumer_group', 'cooperative', 'transport_organiser'] }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class NextStepDto {
  @ApiProperty({ format: 'uuid' }) cycleId!: string;
  @ApiProperty({ example: '2027-03' }) month!: string;
  @ApiProperty({ example: 'open' }) status!: string;
  @ApiProperty({
    enum: NEXT_ACTIONS,
    description:
      'member: pledge (an open month); coordinator: record_receipt (a dispatched cycle that shipped to its group and has ' +
      'no receipt yet, due 3 days after loading), else review_pledges (an open month); cooperative: confirm (a ' +
      'confirming cycle it has not confirmed), load (an allocated cycle with its goods on the loading list), else ' +
      'plan_deliveries (an open month); transporter: carry (a dispatched cycle with its shipments), else ' +
      'prepare_transport (the next cycle not yet dispatched); admin: run_stage (the next stage of the earliest ' +
      'cycle not settled). Unblocking actions come before routine ones, then the earliest deadline.',
  })
  action!: string;
  @ApiProperty({
    format: 'date-time',
    description:
      'until when: locksAt, confirmBy, the start of the loading date (producer time zone), or 3 days after it',
  })
  deadline!: string;
  @ApiProperty({
    format: 'date',
    example: '2027-03-01',
    description:
      'the cycle’s loading date, a day in the producer territory: the day load, carry and prepare_transport are due',
  })
  loadingDate!: string;
}

export class MeSeasonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2027-01' }) firstMonth!: string;
  @ApiProperty({ example: '2027-06' }) lastMonth!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({
    example: 'Europe/Brussels',
    description: 'the consumer territory’s time zone (the calendar’s)',
  })
  timeZone!: string;
  @ApiProperty({ type: NextStepDto, nullable: true, description: 'null: nothing left to do in this season' })
  next!: NextStepDto | null;
}

export class MeDto {
  @ApiProperty({ type: MeUserDto }) user!: MeUserDto;
  @ApiProperty({ type: MeOrganisationDto, nullable: true, description: 'null for an admin' })
  organisation!: MeOrganisationDto | null;
  @ApiProperty({ type: [MeSeasonDto], description: 'the seasons the user takes part in, oldest first' })
  seasons!: MeSeasonDto[];
  @ApiProperty({
    description:
      'the user’s secret iCalendar feed (deadlines of its seasons); POST /me/calendar-token replaces it',
  })
  calendarUrl!: string;
}

export class CalendarTokenDto {
  @ApiProperty({ description: 'the new feed URL; the previous one answers 404 from now on' })
  calendarUrl!: string;
}
