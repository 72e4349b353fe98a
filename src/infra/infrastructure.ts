import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpTimeoutsOf, type AppConfig } from '../config/app-config';
import { ConfigurationError, type Environment } from '../config/environment';
import { startEmbeddedPostgres, type RunningService } from './embedded-postgres';
import { startEmbeddedRedis } from './embedded-redis';

export interface Infrastructure {
  config: AppConfig;
  /** True when this process started its own PostgreSQL (a fresh one gets the demo seed). */
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

/** A JWT secret kept beside the embedded data, so tokens survive restarts on a laptop. */
function localJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Uses DATABASE_URL and REDIS_URL when set; otherwise starts embedded servers so that
 * `npm start` runs on a machine with nothing but Node.
 */
export async function provideInfrastructure(
  env: Environment,
  log: (line: string) => void,
): Promise<Infrastructure> {
  if (env.DATABASE_URL && !env.JWT_SECRET) {
    throw new ConfigurationError(
      'Invalid configuration: JWT_SECRET is required when DATABASE_URL is set (at least 32 characters)',
    );
  }
  const started: RunningService[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
  };
  try {
    let redisUrl = env.REDIS_URL;
    if (!redisUrl) {
      log(`REDIS_URL not set: starting redis-server with data in ${join(env.DATA_DIR, 'redis')}`);
      const redis = await startEmbeddedRedis(env.DATA_DIR);
      started.push(redis);
      redisUrl = redis.url;
    }
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      log(
        `DATABASE_URL not set: starting embedded PostgreSQL with data in ${join(env.DATA_DIR, 'postgres')}`,
      );
      const postgres = await startEmbeddedPostgres(env.DATA_DIR, 'proxima');
      started.push(postgres);
      databaseUrl = postgres.url;
    }
    const config: AppConfig = {
      role: env.APP_ROLE,
      port: env.PORT,
      host: env.HOST,
      databaseUrl,
      redisUrl,
      dbPoolSize: env.DB_POOL_SIZE,
      jwtSecret: env.JWT_SECRET ?? localJwtSecret(env.DATA_DIR),
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      admin:
        env.ADMIN_EMAIL && env.ADMIN_PASSWORD
          ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }
          : undefined,
      loginLimits: {
        consecutiveFailures: env.LOGIN_MAX_CONSECUTIVE_FAILURES,
        blockSeconds: env.LOGIN_BLOCK_SECONDS,
        dailyFailuresPerAddress: env.LOGIN_MAX_DAILY_FAILURES_PER_ADDRESS,
      },
      passwordResetLimits: {
        perEmailPerHour: env.PASSWORD_RESET_PER_EMAIL_PER_HOUR,
        perAddressPerHour: env.PASSWORD_RESET_PER_ADDRESS_PER_HOUR,
      },
      logLevel: env.LOG_LEVEL,
      queuePrefix: env.QUEUE_PREFIX,
      smtpUrl: env.SMTP_URL,
      smtpFrom: env.SMTP_FROM,
      webhookSigningSecret: env.WEBHOOK_SIGNING_SECRET,
      allowPrivateWebhookTargets: env.ALLOW_PRIVATE_WEBHOOK_TARGETS,
      trustProxy: env.TRUST_PROXY,
      clockIntervalMs: env.CLOCK_INTERVAL_MS,
      httpTimeouts: httpTimeoutsOf(env),
      publicUrl: env.PUBLIC_URL,
    };
    return { config, embeddedDatabase: !env.DATABASE_URL, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
