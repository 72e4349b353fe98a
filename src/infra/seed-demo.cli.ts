import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createRootLogger } from '../common/logging/logger';
import { ConfigurationError, loadEnvironment } from '../config/environment';
import { createHttpApp } from '../http-app';
import { provideInfrastructure } from './infrastructure';
import { runMigrations } from '../database/data-source';
import { seedDemo } from '../database/seed/seed-demo';

/**
 * `npm run seed:demo`: seeds the demo partnership into the empty database at DATABASE_URL and
 * plays its first months through the API's own stages and services (the API application is
 * built, not served; Redis from REDIS_URL, else a redis-server started for the run).
 */
async function main(): Promise<number> {
  const env = loadEnvironment(process.env);
  if (!env.DATABASE_URL) {
    process.stderr.write(
      'Set DATABASE_URL (postgres://user:password@host:5432/database) to the database to seed.\n',
    );
    return 1;
  }
  const logger = createRootLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  // Nothing is served: a secret for this run only, when none is configured.
  const infra = await provideInfrastructure(
    { ...env, JWT_SECRET: env.JWT_SECRET ?? randomBytes(32).toString('hex') },
    (line) => logger.info(line),
  );
  try {
    await runMigrations(infra.config.databaseUrl);
    const app = await createHttpApp({ ...infra.config, role: 'api' }, logger);
    await app.init();
    try {
      const logins = await seedDemo(app);
      if (logins === null) {
        process.stderr.write(
          'Not seeding: the database already holds territories, and the demo only goes into a database without any.\n',
        );
        return 1;
      }
      process.stdout.write(logins);
      return 0;
    } finally {
      await app.close();
    }
  } finally {
    await infra.stop();
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
