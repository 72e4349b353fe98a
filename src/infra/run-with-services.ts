import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runMigrations } from '../database/data-source';
import { startEmbeddedPostgres, type RunningService } from './embedded-postgres';
import { startEmbeddedRedis } from './embedded-redis';
import { postgresReachable, recreateDatabase, redisReachable } from './probe';

/**
 * `node dist/infra/run-with-services.js <command…>` runs a command (the test suite, a
 * benchmark) with DATABASE_URL and REDIS_URL set to a fresh, migrated database: from
 * TEST_DATABASE_URL / TEST_REDIS_URL when given, else the PostgreSQL and Redis of this
 * machine on their default ports when they answer, else embedded servers under .data/.
 */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';
const DATA_DIR = join(process.env.DATA_DIR ?? '.data', 'test');

function say(line: string): void {
  process.stderr.write(`[services] ${line}\n`);
}

async function provide(
  started: RunningService[],
  database: string,
): Promise<{ databaseUrl: string; redisUrl: string }> {
  let databaseUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    databaseUrl = await recreateDatabase(process.env.TEST_DATABASE_URL, database);
  } else if (await postgresReachable(LOCAL_POSTGRES)) {
    say('using the PostgreSQL on 127.0.0.1:5432');
    databaseUrl = await recreateDatabase(LOCAL_POSTGRES, database);
  } else {
    say(`no PostgreSQL on 127.0.0.1:5432: starting an embedded one in ${DATA_DIR}`);
    const postgres = await startEmbeddedPostgres(DATA_DIR, 'postgres');
    started.push(postgres);
    databaseUrl = await recreateDatabase(postgres.url, database);
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl && (await redisReachable(LOCAL_REDIS))) {
    say('using the Redis on 127.0.0.1:6379');
    redisUrl = LOCAL_REDIS;
  }
  if (!redisUrl) {
    say(`no Redis on 127.0.0.1:6379: starting redis-server in ${DATA_DIR}`);
    const redis = await startEmbeddedRedis(DATA_DIR);
    started.push(redis);
    redisUrl = redis.url;
  }
  return { databaseUrl, redisUrl };
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error('usage: run-with-services <command> [args…]');
  const started: RunningService[] = [];
  try {
    const { databaseUrl, redisUrl } = await provide(
      started,
      process.env.TEST_DATABASE_NAME ?? 'proxima_test',
    );
    await runMigrations(databaseUrl);
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        // A prefix of its own per run, so a run never sees another run's keys or jobs.
        QUEUE_PREFIX: `proxima-test-${randomBytes(4).toString('hex')}`,
        JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      },
    });
    return await new Promise<number>((done) =>
      child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))),
    );
  } finally {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
