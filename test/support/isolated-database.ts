import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import type { AppConfig } from '../../src/config/app-config';
import { runMigrations } from '../../src/database/data-source';
import { recreateDatabase } from '../../src/infra/probe';
import { testConfig } from './test-app';

/**
 * A migrated database and a queue prefix of its own, for tests that run the cycle clock and
 * workers: the clock acts on every due cycle it finds and workers take every job under their
 * prefix, so they must not see what other test files, running at the same time, leave in the
 * shared database and queues. Pass both to the apps: `{ databaseUrl: db.url, queuePrefix: db.queuePrefix }`.
 */
export async function isolatedDatabase(
  name: string,
): Promise<{ url: string; queuePrefix: string; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL as string;
  const database = `${name}_${process.pid}`;
  const url = await recreateDatabase(server, database);
  await runMigrations(url);
  return {
    url,
    queuePrefix: `${testConfig().queuePrefix}-${name}`,
    drop: async () => {
      const client = new Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A worker process's Nest context (queue workers and the clock), as APP_ROLE=worker runs it. */
export async function startWorker(overrides: Partial<AppConfig>): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(
    AppModule.forRole(testConfig({ ...overrides, role: 'worker' })),
    {
      logger: false,
    },
  );
  await context.init();
  return context;
}
