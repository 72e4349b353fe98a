import { HttpException, HttpStatus, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';

const DAY = 24 * 3600;
// A pair's count of wrong passwords in a row is kept until a success resets it (90 days at most).
const CONSECUTIVE_WINDOW = 90 * DAY;

/** 429 with Retry-After (whole seconds, at least 1). */
export class TooManyAttempts extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

function retryAfter(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Without Redis the failures cannot be counted: signing in is refused (503) rather than unlimited. */
function storeUnreachable(error: unknown): never {
  if (error instanceof HttpException) throw error;
  throw new ServiceUnavailableException('Login is unavailable for a moment (rate-limit store unreachable)');
}

/**
 * Login limits in the pattern rate-limiter-flexible documents for brute force: wrong
 * passwords in a row per (account, address) pair, and wrong passwords per address per day.
 * Only failures count, and a success resets its pair. No limit is ever on an account alone,
 * so an attacker elsewhere cannot lock its owner out. Counted in Redis, so every replica
 * counts together.
 */
@Injectable()
export class LoginLimits {
  private readonly consecutive: RateLimiterRedis;
  private readonly daily: RateLimiterRedis;
  private readonly blockSeconds: number;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    const limits = config.loginLimits;
    this.blockSeconds = limits.blockSeconds;
    this.consecutive = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.queuePrefix}:login-fail-pair`,
      points: limits.consecutiveFailures,
      duration: CONSECUTIVE_WINDOW,
    });
    this.daily = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.queuePrefix}:login-fail-address`,
      points: limits.dailyFailuresPerAddress,
      duration: DAY,
    });
  }

  /** Refuses (429) an attempt from a pair or an address that is blocked; counts nothing. */
  async check(email: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([
      this.consecutive.get(pairKey(email, ip)),
      this.daily.get(ip),
    ]).catch(storeUnreachable);
    if (pair && pair.consumedPoints > this.consecutive.points) {
      throw new TooManyAttempts(
        'Too many wrong passwords for this account from this address; try again later',
        retryAfter(pair.msBeforeNext),
      );
    }
    if (address && address.consumedPoints > this.daily.points) {
      throw new TooManyAttempts(
        'Too many wrong passwords from this address today',
        retryAfter(address.msBeforeNext),
      );
    }
  }

  /**
   * Counts a wrong password. The failure that reaches a limit blocks its pair (or address) for
   * the block time, so the next attempt, even with the right password, is refused.
   */
  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([
      countAndBlock(this.consecutive, pairKey(email, ip), this.blockSeconds),
      countAndBlock(this.daily, ip, DAY),
    ]).catch(storeUnreachable);
  }

  /** A right password resets its pair's count (the address's daily count of failures stays). */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.consecutive.delete(pairKey(email, ip)).catch(storeUnreachable);
  }
}

async function countAndBlock(limiter: RateLimiterRedis, key: string, blockSeconds: number): Promise<void> {
  const counted = await limiter.consume(key).catch((rejection: unknown) => {
    if (rejection instanceof RateLimiterRes) return rejection; // already past the limit (concurrent attempts)
    throw rejection;
  });
  if (counted.consumedPoints >= limiter.points) await limiter.block(key, blockSeconds);
}

function pairKey(email: string, ip: string): string {
  return `${email.toLowerCase()}|${ip}`;
}
