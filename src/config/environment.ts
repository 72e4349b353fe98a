import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes'].includes(String(value).toLowerCase());
const blankToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Every environment variable Proxima reads; `.env.example` documents each of them. */
export class Environment {
  @IsOptional() @IsIn(APP_ROLES) APP_ROLE: AppRole = 'all';
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;
  @IsString() DATA_DIR = '.data';
  @Transform(toInt) @IsInt() @Min(1) @Max(200) DB_POOL_SIZE = 10;

  @Transform(blankToUndefined) @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @Transform(toInt) @IsInt() @Min(60) @Max(30 * 24 * 3600) JWT_TTL_SECONDS = 12 * 3600;

  @Transform(blankToUndefined) @IsOptional() @IsEmail() ADMIN_EMAIL?: string;
  @Transform(blankToUndefined) @IsOptional() @IsString() @MinLength(10) ADMIN_PASSWORD?: string;

  /** Wrong passwords in a row for one account from one address before that pair is blocked. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000) LOGIN_MAX_CONSECUTIVE_FAILURES = 10;
  /** How long a blocked (account, address) pair waits. */
  @Transform(toInt) @IsInt() @Min(1) @Max(30 * 86400) LOGIN_BLOCK_SECONDS = 3600;
  /** Wrong passwords per client address per day, whatever the accounts, before it is blocked for a day. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) LOGIN_MAX_DAILY_FAILURES_PER_ADDRESS = 100;
  @Transform(toInt) @IsInt() @Min(1) @Max(10000) PASSWORD_RESET_PER_EMAIL_PER_HOUR = 3;
  @Transform(toInt) @IsInt() @Min(1) @Max(100000) PASSWORD_RESET_PER_ADDRESS_PER_HOUR = 20;

  @Transform(toBool) @IsOptional() @IsBoolean() SEED_DEMO?: boolean;
  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
  @Matches(/^[a-z0-9_-]{1,32}$/i, { message: 'must be 1-32 letters, digits, _ or -' }) QUEUE_PREFIX =
    'proxima';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;
  @IsString() @MinLength(3) SMTP_FROM = 'Proxima <no-reply@proxima.local>';
  @Transform(blankToUndefined) @IsOptional() @IsString() @MinLength(32) WEBHOOK_SIGNING_SECRET?: string;
  @Transform(toBool) @IsBoolean() ALLOW_PRIVATE_WEBHOOK_TARGETS = false;
  /** Read the client address from X-Forwarded-For: only behind a proxy that sets it. */
  @Transform(toBool) @IsBoolean() TRUST_PROXY = false;
  @Transform(toInt) @IsInt() @Min(1000) @Max(3_600_000) CLOCK_INTERVAL_MS = 15_000;
  /** Slow clients are cut off (docs/SECURITY.md, F7): the whole request, headers and body. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) HTTP_REQUEST_TIMEOUT_MS = 30_000;
  /** The request's headers alone; at most HTTP_REQUEST_TIMEOUT_MS. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) HTTP_HEADERS_TIMEOUT_MS = 10_000;
  /** A socket on which nothing moves is closed. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) HTTP_CONNECTION_TIMEOUT_MS = 60_000;
  /** An idle keep-alive connection is closed; keep it above a reverse proxy's own idle timeout. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;
  /** The address users reach the app at: the base of links in e-mails and of calendar feed URLs. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http:// or https:// URL' })
  PUBLIC_URL?: string;
}

export class ConfigurationError extends Error {}

/** Validates the environment once; the first wrong variable stops start-up with its name. */
export function loadEnvironment(raw: NodeJS.ProcessEnv): Environment {
  // A variable set to nothing (`PORT=` in a compose file) means "use the default".
  const given = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(Environment, given);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const [first] = errors;
    const reasons = Object.values(first.constraints ?? {}).map((reason) =>
      reason.replace(`${first.property} `, ''),
    );
    throw new ConfigurationError(`Invalid configuration: ${first.property} ${reasons.join(', ')}`);
  }
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigurationError(
      'Invalid configuration: HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS',
    );
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new ConfigurationError(
      'Invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
    );
  }
  return env;
}
