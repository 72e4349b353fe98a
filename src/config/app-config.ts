import type { AppRole, Environment } from './environment';

/** The resolved configuration the application runs with (after embedded services started). */
export interface AppConfig {
  role: AppRole;
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  dbPoolSize: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  admin?: { email: string; password: string };
  loginLimits: LoginLimits;
  passwordResetLimits: { perEmailPerHour: number; perAddressPerHour: number };
  logLevel: Environment['LOG_LEVEL'];
  queuePrefix: string;
  /** smtp:// or smtps:// with credentials; unset = emails are recorded as skipped. Never logged. */
  smtpUrl?: string;
  smtpFrom: string;
  /** HMAC key for x-proxima-signature; unset = webhooks are recorded as skipped. Never logged. */
  webhookSigningSecret?: string;
  allowPrivateWebhookTargets: boolean;
  trustProxy: boolean;
  clockIntervalMs: number;
  /** Where users reach the app (links in e-mails, calendar feed URLs), without a trailing slash. */
  publicUrl?: string;
}

export interface LoginLimits {
  consecutiveFailures: number;
  blockSeconds: number;
  dailyFailuresPerAddress: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** The base of the links the application hands out. */
export function publicUrlOf(config: AppConfig): string {
  return (config.publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
}
