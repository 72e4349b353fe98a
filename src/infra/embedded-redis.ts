import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { findFreePort } from './free-port';
import type { RunningService } from './embedded-postgres';
import { stopStaleServer } from './stale-process';

export class RedisNotInstalledError extends Error {
  constructor() {
    super(
      'redis-server not found on the PATH: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL',
    );
  }
}

function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined); // failures surface through connect() below
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    } finally {
      client.disconnect();
    }
  }
}

/**
 * Starts a `redis-server` from the PATH as a child process, persistent (append-only file under
 * `<dataDir>/redis`) and with `noeviction`, since BullMQ must never lose a job to eviction.
 */
export async function startEmbeddedRedis(dataDir: string): Promise<RunningService> {
  if (!redisServerOnPath()) throw new RedisNotInstalledError();
  const dir = resolve(join(dataDir, 'redis'));
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  await stopStaleServer(pidFile, 'SIGTERM');
  const port = await findFreePort(63790);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
      '--pidfile',
      pidFile,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const killWithParent = () => child.kill('SIGTERM');
  process.once('exit', killWithParent);
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilReady(url, 10_000);
  return {
    url,
    stop: async () => {
      process.off('exit', killWithParent);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
