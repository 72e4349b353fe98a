import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigurationError, loadEnvironment } from '../../config/environment';
import { dataSourceOptions, runMigrations } from '../data-source';
import { seedDemo } from './seed-demo';

/** `npm run seed:demo`: seeds the demo partnership into the empty database at DATABASE_URL. */
async function main(): Promise<number> {
  const env = loadEnvironment(process.env);
  if (!env.DATABASE_URL) {
    process.stderr.write(
      'Set DATABASE_URL (postgres://user:password@host:5432/database) to the database to seed.\n',
    );
    return 1;
  }
  await runMigrations(env.DATABASE_URL);
  const dataSource = new DataSource(dataSourceOptions(env.DATABASE_URL, 2));
  await dataSource.initialize();
  try {
    const logins = await seedDemo(dataSource);
    if (logins === null) {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM territories');
      process.stderr.write(
        `Not seeding: the database already holds ${n} territories, and the demo only goes into a database without any.\n`,
      );
      return 1;
    }
    process.stdout.write(logins);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`Demo seed failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
