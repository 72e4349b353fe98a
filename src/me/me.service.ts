import { Injectable, UnauthorizedException } from '@nestjs/common';
import { CalendarFeedsService } from '../calendar-feed/calendar-feeds.service';
import type { Actor } from '../common/auth/actor';
import { kindsSentTo, receivedKinds } from '../notifications/domain/person-notification-kinds';
import { nextStep } from './domain/next-step';
import type { CalendarTokenDto, MeDto } from './dto/me.dto';
import { MeRepository } from './me.repository';

@Injectable()
export class MeService {
  constructor(
    private readonly me: MeRepository,
    private readonly feeds: CalendarFeedsService,
  ) {}

  async get(actor: Actor): Promise<MeDto> {
    const [user, seasons, calendarUrl] = await Promise.all([
      this.me.user(actor),
      this.me.seasons(actor),
      this.feeds.urlOf(actor.userId),
    ]);
    if (!user) throw new UnauthorizedException('This account no longer exists');
    const { organisation, mutedNotifications, ...rest } = user;
    return {
      user: { ...rest, notifications: receivedKinds(kindsSentTo(user.role), mutedNotifications) },
      organisation,
      seasons: seasons.map(({ cycles, ...season }) => {
        const next = nextStep(actor.role, cycles);
        return { ...season, next: next && { ...next, deadline: next.deadline.toISOString() } };
      }),
      calendarUrl,
    };
  }

  async rotateCalendarToken(actor: Actor): Promise<CalendarTokenDto> {
    return { calendarUrl: await this.feeds.rotate(actor.userId) };
  }
}
