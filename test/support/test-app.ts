import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config';
import { loadEnvironment, type AppRole } from '../../src/config/environment';
import { createHttpApp } from '../../src/http-app';
import { hashPassword } from '../../src/users/password';
import type { Api } from './api';

/**
 * The configuration tests run with: DATABASE_URL and REDIS_URL come from
 * run-with-services (npm test), everything else from the same validated environment.
 */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const env = loadEnvironment(process.env);
  if (!env.DATABASE_URL || !env.REDIS_URL || !env.JWT_SECRET) {
    throw new Error('Run the tests with `npm test`: it provides DATABASE_URL, REDIS_URL and JWT_SECRET');
  }
  return {
    role: 'api' as AppRole,
    port: 0,
    host: '127.0.0.1',
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    dbPoolSize: 5,
    jwtSecret: env.JWT_SECRET,
    jwtTtlSeconds: env.JWT_TTL_SECONDS,
    // Every test file logs in from 127.0.0.1: the limits themselves are tested on apps of their own.
    loginLimits: { consecutiveFailures: 100_000, blockSeconds: 60, dailyFailuresPerAddress: 100_000 },
    passwordResetLimits: { perEmailPerHour: 100_000, perAddressPerHour: 100_000 },
    logLevel: 'silent',
    queuePrefix: env.QUEUE_PREFIX,
    smtpFrom: env.SMTP_FROM,
    allowPrivateWebhookTargets: false,
    trustProxy: false,
    clockIntervalMs: env.CLOCK_INTERVAL_MS,
    ...overrides,
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real HTTP application (same factory as production), driven through Fastify's inject. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const app = await createHttpApp(testConfig(overrides), pino({ level: 'silent' }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, dataSource: app.get(DataSource), close: () => app.close() };
}

let counter = 0;
/** A value unique across this test run (emails, names). */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Inserts an admin straight into the database and logs it in: the starting point of most tests. */
export async function adminToken(api: Api, dataSource: DataSource): Promise<string> {
  const email = `${unique('admin')}@test.example`;
  const password = 'correct horse battery';
  await dataSource.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'admin')`, [
    email,
    await hashPassword(password),
  ]);
  return login(api, email, password);
}

export async function login(api: Api, email: string, password: string): Promise<string> {
  const reply = await api.anonymous().post('/auth/login', { body: { email, password } });
  if (reply.status !== 200) throw new Error(`login of ${email} failed: ${reply.status} ${reply.text}`);
  return reply.body.accessToken;
}

/** Creates a user of a role through the API (as admin) and returns its token. */
export async function userToken(
  api: Api,
  admin: string,
  role: AppRoleUser,
  links: {
    consumerGroupId?: string;
    memberId?: string;
    cooperativeId?: string;
    transportOrganiserId?: string;
  } = {},
): Promise<string> {
  const email = `${unique(role)}@test.example`;
  const password = 'correct horse battery';
  const created = await api.as(admin).post('/users', { body: { email, password, role, ...links } });
  if (created.status !== 201) throw new Error(`creating ${role} failed: ${created.status} ${created.text}`);
  return login(api, email, password);
}

export interface Account {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** Creates a user of a role through the API (as admin), logs it in, and returns what a test needs of it. */
export async function account(
  api: Api,
  admin: string,
  role: AppRoleUser,
  links: Parameters<typeof userToken>[3] = {},
): Promise<Account> {
  const email = `${unique(role)}@test.example`;
  const password = 'correct horse battery';
  const created = await api.as(admin).post('/users', { body: { email, password, role, ...links } });
  if (created.status !== 201) throw new Error(`creating ${role} failed: ${created.status} ${created.text}`);
  return { id: created.body.id, email, password, token: await login(api, email, password) };
}

export type AppRoleUser = 'admin' | 'coordinator' | 'member' | 'cooperative' | 'transporter';
