import type { AppConfig } from '../src/config/app-config';
import { loadEnvironment, type AppRole } from '../src/config/environment';

/**
 * What the benchmarks share: their configuration (DATABASE_URL and REDIS_URL come from
 * run-with-services, like the tests), progress on stderr, timing and the peak RSS.
 * Speed and memory targets live only in the benchmarks, never in timed tests.
 */
export function benchConfig(role: AppRole, overrides: Partial<AppConfig> = {}): AppConfig {
  const env = loadEnvironment(process.env);
  if (!env.DATABASE_URL || !env.REDIS_URL || !env.JWT_SECRET) {
    throw new Error(
      'Run the benchmarks with `npm run bench`: it provides DATABASE_URL, REDIS_URL and JWT_SECRET',
    );
  }
  return {
    role,
    port: 0,
    host: '127.0.0.1',
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    dbPoolSize: env.DB_POOL_SIZE,
    jwtSecret: env.JWT_SECRET,
    jwtTtlSeconds: env.JWT_TTL_SECONDS,
    // Every test file logs in from 127.0.0.1: the limits themselves are tested on apps of their own.
    loginLimits: { consecutiveFailures: 100_000, blockSeconds: 60, dailyFailuresPerAddress: 100_000 },
    passwordResetLimits: { perEmailPerHour: 100_000, perAddressPerHour: 100_000 },
    logLevel: env.LOG_LEVEL,
    queuePrefix: env.QUEUE_PREFIX,
    smtpFrom: env.SMTP_FROM,
    allowPrivateWebhookTargets: false,
    trustProxy: false,
    // The bench drives every stage itself; the clock must not race it.
    clockIntervalMs: 3_600_000,
    ...overrides,
  };
}

const started = Date.now();

/** A progress line on stderr (stdout carries only the final JSON line). */
export function say(line: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${line}\n`);
}

/** `--name value` or `--name=value` from the command line, as given. */
function rawArg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

/** `--name value` from the command line, as a positive integer. */
export function intArg(name: string, fallback: number): number {
  const raw = rawArg(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** `--name value` (or `--name=value`), one of `choices`; `fallback` when not given. */
export function choiceArg<T extends string>(name: string, choices: readonly T[], fallback: T): T;
export function choiceArg<T extends string>(name: string, choices: readonly T[], fallback: null): T | null;
export function choiceArg<T extends string>(
  name: string,
  choices: readonly T[],
  fallback: T | null,
): T | null {
  const raw = rawArg(name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw))
    throw new Error(`--${name} must be one of ${choices.join(', ')}`);
  return raw as T;
}

export async function timed<T>(what: string, work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  const ms = Math.round(performance.now() - t0);
  say(`${what}: ${ms} ms`);
  return { ms, value };
}

/**
 * The resident set size of this process, sampled every 50 ms, and the kernel's own high
 * water mark (maxRSS); the peak is the larger of the two.
 */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }

  peakMb(): number {
    this.sample();
    const kernelPeak = process.resourceUsage().maxRSS * 1024;
    return Math.round(Math.max(this.peak, kernelPeak) / (1024 * 1024));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A rough figure of how fast this machine is right now: the ms a fixed piece of JavaScript work
 * takes (JSON round trips of a pledge-sized body), the best of 5 tries, said on stderr with
 * `when`. A shared VM's speed drifts: in one session the same code measured 1,100 and 1,900
 * PUT/s at different hours. This figure only sees one core's JavaScript speed; it moved less
 * than the API's figures did, so `GET /health` in the same run is the better baseline
 * (docs/PERFORMANCE.md).
 */
export function cpuReferenceMs(when: 'before' | 'after'): number {
  const body = {
    lines: Array.from({ length: 10 }, (_, i) => ({ offerId: `${i}`.padStart(36, '0'), quantity: i })),
  };
  let best = Infinity;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const started = process.hrtime.bigint();
    let checksum = 0;
    for (let i = 0; i < 20_000; i += 1)
      checksum += (JSON.parse(JSON.stringify(body)) as typeof body).lines[i % 10].quantity;
    if (checksum < 0) throw new Error('unreachable');
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  const ms = Math.round(best);
  say(`reference CPU work ${when}: ${ms} ms (lower is a faster machine)`);
  return ms;
}
