import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyAttempts } from '../auth/login-limits';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';

const HOUR = 3600;

/** Password-reset requests per client address and per email each hour, counted in Redis. */
@Injectable()
export class PasswordResetLimits {
  private readonly perAddress: RateLimiterRedis;
  private readonly perEmail: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limits = config.passwordResetLimits;
    const prefix = `${config.queuePrefix}:password-reset`;
    this.perAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}-address`,
      points: limits.perAddressPerHour,
      duration: HOUR,
    });
    this.perEmail = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}-email`,
      points: limits.perEmailPerHour,
      duration: HOUR,
    });
  }

  /** Counts a request; 429 with Retry-After once the address or the email is past its limit. */
  async hit(email: string, ip: string): Promise<void> {
    const results = await Promise.allSettled([
      this.perAddress.consume(ip),
      this.perEmail.consume(email.toLowerCase()),
    ]);
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      if (result.reason instanceof RateLimiterRes) {
        throw new TooManyAttempts(
          'Too many password-reset requests; try again later',
          Math.max(1, Math.ceil(result.reason.msBeforeNext / 1000)),
        );
      }
      throw new ServiceUnavailableException(
        'Password reset is unavailable for a moment (rate-limit store unreachable)',
      );
    }
  }
}
