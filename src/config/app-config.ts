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
  loginRateLimit: { limit: number; windowSeconds: number };
  logLevel: Environment['LOG_LEVEL'];
  queuePrefix: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
