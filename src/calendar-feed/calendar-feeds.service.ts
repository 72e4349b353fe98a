import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, publicUrlOf, type AppConfig } from '../config/app-config';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { feedKey, feedToken, feedTokenHash, FEED_TOKEN_PATTERN } from './domain/feed-token';

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

  private hashOf(userId: string, nonce: string): string {
    return feedTokenHash(feedToken(this.key, userId, nonce));
  }

  private url(token: string): string {
    return `${publicUrlOf(this.config)}/api/v1/calendar/${token}.ics`;
  }
}
