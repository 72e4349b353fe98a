import { HttpException, HttpStatus, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';

/**
 * Fixed-window limit on login attempts, per client address and per email, kept in Redis so
 * that every API replica counts together.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(ip: string, email: string): Promise<void> {
    const { limit, windowSeconds } = this.config.loginRateLimit;
    const prefix = `${this.config.queuePrefix}:login`;
    const keys = [`${prefix}:ip:${ip}`, `${prefix}:email:${email.toLowerCase()}`];
    // Without Redis the limit cannot be counted: logins are refused (503) rather than unlimited.
    const counts = await Promise.all(
      keys.map(async (key) => {
        const [[, count]] = (await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec()) as [
          [Error | null, number],
        ];
        return count;
      }),
    ).catch(() => {
      throw new ServiceUnavailableException(
        'Login is unavailable for a moment (rate-limit store unreachable)',
      );
    });
    if (Math.max(...counts) > limit) {
      throw new HttpException(
        `Too many login attempts; try again in ${windowSeconds} seconds`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
