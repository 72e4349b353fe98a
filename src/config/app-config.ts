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
  /** Standard Webhooks signing secret (whsec_… or 32+ characters); unset = webhooks are recorded as skipped. Never logged. */
  webhookSigningSecret?: string;
  allowPrivateWebhookTargets: boolean;
  trustProxy: boolean;
  clockIntervalMs: number;
  /** Server timeouts in ms (docs/SECURITY.md, F7); DEFAULT_HTTP_TIMEOUTS when left out. */
  httpTimeouts?: HttpTimeouts;
  /** Where users reach the app (links in e-mails, calendar feed URLs), without a trailing slash. */
  publicUrl?: string;
}

export interface HttpTimeouts {
  requestMs: number;
  headersMs: number;
  connectionMs: number;
  keepAliveMs: number;
}

/** The defaults of the environment's HTTP_*_TIMEOUT_MS variables. */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestMs: 30_000,
  headersMs: 10_000,
  connectionMs: 60_000,
  keepAliveMs: 72_000,
};

export function httpTimeoutsOf(env: Environment): HttpTimeouts {
  return {
    requestMs: env.HTTP_REQUEST_TIMEOUT_MS,
    headersMs: env.HTTP_HEADERS_TIMEOUT_MS,
    connectionMs: env.HTTP_CONNECTION_TIMEOUT_MS,
    keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  };
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
