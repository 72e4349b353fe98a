import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { recipientLocale } from '../notifications/domain/person-locale';
import { feedEvents, feedName } from './domain/feed-events';
import { feedKey, feedToken, feedTokenHash, FEED_TOKEN_PATTERN } from './domain/feed-token';
import { renderCalendar } from './domain/ics';

/** Each user's secret calendar feed URL: shown on GET /me, rotated by POST /me/calendar-token. */
@Injectable()
export class CalendarFeedsService {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: CalendarFeedsRepository,
  ) {
    this.key = feedKey(config.jwtSecret);
  }

  async urlOf(userId: string): Promise<string> {
    const proposed = randomUUID();
    const nonce = await this.feeds.ensure(userId, proposed, this.hashOf(userId, proposed));
    return this.url(feedToken(this.key, userId, nonce));
  }

  async rotate(userId: string): Promise<string> {
    const nonce = randomUUID();
    await this.feeds.rotate(userId, nonce, this.hashOf(userId, nonce));
    return this.url(feedToken(this.key, userId, nonce));
  }

  /** The user of a feed token, or null (a malformed token is not even looked up). */
  userOf(token: string): Promise<string | null> {
    if (!FEED_TOKEN_PATTERN.test(token)) return Promise.resolve(null);
    return this.feeds.userOf(feedTokenHash(token));
  }

  /** The feed of a token, in its user's language; 404 for any unknown token. */
  async calendar(token: string, now = new Date()): Promise<string> {
    const userId = await this.userOf(token);
    const owner = userId ? await this.feeds.owner(userId) : null;
    if (!owner) throw new NotFoundException('calendar not found');
    const locale = recipientLocale(owner.locale, owner.countryCode);
    const host = new URL(publicUrlOf(this.config)).hostname;
    const events = feedEvents(await this.feeds.cycles(owner.actor), locale, host);
    return renderCalendar(feedName(locale), events, now);
  }

  private hashOf(userId: string, nonce: string): string {
    return feedTokenHash(feedToken(this.key, userId, nonce));
  }

  private url(token: string): string {
    return `${publicUrlOf(this.config)}/api/v1/calendar/${token}.ics`;
  }
}
