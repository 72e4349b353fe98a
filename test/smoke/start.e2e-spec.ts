import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '../../src/infra/free-port';
import { until } from '../support/wait';
import { apiUrl } from '../support/api';

// The real process as `npm start` runs it (dist/ is built by `npm test`): embedded PostgreSQL
// and redis-server in a fresh data directory, the demo seeded, then a clean stop on SIGTERM.
const MAIN = resolve('dist/main.js');

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The environment of a machine with nothing configured: no database, no Redis, no secrets. */
function bareEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'JWT_SECRET',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'SEED_DEMO',
    'APP_ROLE',
  ]) {
    delete env[name];
  }
  return { ...env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...overrides };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidFrom(file: string): number {
  return Number.parseInt(readFileSync(file, 'utf8').split('\n')[0], 10);
}

describe('the process (node dist/main.js)', () => {
  let dataDir: string;
  let running: Running | undefined;
  const serverPids: number[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'proxima-smoke-'));
    // As root the embedded PostgreSQL runs as the postgres user, which must reach its directory.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    // Leave nothing running if an assertion failed half-way.
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    for (const pid of serverPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with embedded services, seeds the demo, serves, and stops cleanly on SIGTERM', async () => {
    const port = await findFreePort(39000 + (process.pid % 1000));
    const base = `http://127.0.0.1:${port}`;
    running = run(bareEnvironment({ DATA_DIR: dataDir, PORT: String(port) }));
    const deadline = Date.now() + 90_000;
    const failedEarly = running.exited.then(({ code }) => {
      throw new Error(`exited early with ${code}: ${running!.stderr()}`);
    });
    const ready = until(
      apiUrl('/health'),
      deadline - Date.now(),
      async () => {
        const reply = await fetch(`${base}${apiUrl('/health')}`);
        return reply.status === 200 ? reply : undefined;
      },
      { everyMs: 250, ignoreErrors: true },
    );
    await Promise.race([ready, failedEarly]);
    await Promise.race([
      until(
        'the demo logins on stdout',
        deadline - Date.now(),
        async () => (running!.stdout().includes('admin@proxima.demo') ? true : undefined),
        { everyMs: 250, ignoreErrors: true },
      ),
      failedEarly,
    ]);
    failedEarly.catch(() => undefined);

    const pgPidFile = join(dataDir, 'postgres', 'postmaster.pid');
    const redisPidFile = join(dataDir, 'redis', 'redis.pid');
    expect(existsSync(pgPidFile)).toBe(true);
    expect(existsSync(redisPidFile)).toBe(true);
    serverPids.push(pidFrom(pgPidFile), pidFrom(redisPidFile));
    expect(serverPids.every(alive)).toBe(true);

    const password = /admin@proxima\.demo\s+(\S+)\s+admin/.exec(running.stdout())?.[1];
    expect(password).toBe('proxima-demo-2026');
    expect(running.stdout()).toMatch(/coordinator\.gasap@proxima\.demo\s+\S+\s+coordinator/);
    const login = await fetch(`${base}${apiUrl('/auth/login')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@proxima.demo', password }),
    });
    expect(login.status).toBe(200);
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { role: string } };
    expect(user.role).toBe('admin');
    const territories = await fetch(`${base}${apiUrl('/territories')}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(territories.status).toBe(200);
    expect(((await territories.json()) as { total: number }).total).toBe(2);

    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('<html');
    const openApi = await fetch(`${base}/docs-json`);
    expect(openApi.status).toBe(200);
    expect(openApi.headers.get('content-type')).toContain('application/json');
    const document = (await openApi.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/api/v1/auth/login');

    running.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      running.exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no exit 30 s after SIGTERM')), 30_000);
      }),
    ]).finally(() => clearTimeout(timer));
    // Nest re-raises the signal once closed: 143 (128 + SIGTERM) or the signal itself.
    expect([0, 143, 'SIGTERM']).toContain(exit.code ?? exit.signal);
    expect(running.stderr()).not.toMatch(/error/i);
    await until(
      'the embedded servers to stop',
      Date.now() + 10_000 - Date.now(),
      async () => (serverPids.some(alive) ? undefined : true),
      { everyMs: 250, ignoreErrors: true },
    );
    expect(serverPids.filter(alive)).toEqual([]);
  }, 120_000);

  it('exits 1 with one line naming a wrong variable', async () => {
    const wrong = run(bareEnvironment({ DATA_DIR: dataDir, PORT: 'abc' }));
    const { code } = await wrong.exited;
    expect(code).toBe(1);
    const lines = wrong.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    expect(wrong.stdout()).toBe('');
  }, 30_000);
});
