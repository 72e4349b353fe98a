import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { ConfigurationError, loadEnvironment, type AppRole, type Environment } from './config/environment';
import { createRootLogger, PinoLoggerService } from './common/logging/logger';
import { runMigrations } from './database/data-source';
import { seedDemoIfWanted } from './database/seed/seed-demo';
import { createHttpApp } from './http-app';
import { provideInfrastructure, type Infrastructure } from './infra/infrastructure';
import { EmbeddedPostgresUnreachableError } from './infra/embedded-postgres';
import { RedisNotInstalledError } from './infra/embedded-redis';
import { StartUpSignals } from './infra/start-up-signals';
import { UsersService } from './users/users.service';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function startRole(
  config: AppConfig,
  logger: ReturnType<typeof createRootLogger>,
  onShutdown: () => Promise<void>,
): Promise<INestApplicationContext> {
  if (config.role === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule.forRole(config, onShutdown), {
      logger: new PinoLoggerService(logger),
    });
    return context;
  }
  const app = await createHttpApp(config, logger, onShutdown);
  await app.listen({ port: config.port, host: config.host });
  logger.info(`Proxima API listening on http://${config.host}:${config.port}/api/v1 (OpenAPI UI at /docs)`);
  return app;
}

/**
 * Start-up: validate the environment, provide PostgreSQL and Redis (embedded when no URL is
 * given), migrate, create the first admin, seed the demo where wanted, then serve.
 */
export async function start(roleOverride?: AppRole): Promise<void> {
  let env: Environment;
  try {
    env = loadEnvironment(roleOverride ? { ...process.env, APP_ROLE: roleOverride } : process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) fail(error.message);
    throw error;
  }
  const logger = createRootLogger(env.LOG_LEVEL);
  const signals = new StartUpSignals();
  let infra: Infrastructure;
  try {
    infra = await provideInfrastructure(env, (line) => logger.info(line));
  } catch (error) {
    if (
      error instanceof ConfigurationError ||
      error instanceof RedisNotInstalledError ||
      error instanceof EmbeddedPostgresUnreachableError
    )
      fail(error.message);
    throw error;
  }
  const { config } = infra;
  const stopInfra = () => infra.stop();
  try {
    signals.enter('the migrations', stopInfra);
    const applied = await runMigrations(config.databaseUrl);
    if (applied.length > 0) logger.info(`migrations applied: ${applied.join(', ')}`);
    signals.enter('start-up');
    const app = await startRole(config, logger, stopInfra);
    // The API role owns users; a worker started alongside leaves the first admin to it.
    if (config.admin && config.role !== 'worker')
      await app.get(UsersService).ensureFirstAdmin(config.admin.email, config.admin.password);
    signals.enter('the demo seed');
    // The demo is played through the API's services: an API process seeds it, not a worker.
    const seeded =
      config.role === 'worker'
        ? null
        : await seedDemoIfWanted(app, { embedded: infra.embeddedDatabase, wanted: env.SEED_DEMO });
    if (seeded) process.stdout.write(seeded);
    // From here a signal closes the application: its shutdown hooks drain the queues and the pools.
    signals.done();
    app.enableShutdownHooks();
  } catch (error) {
    await stopInfra();
    throw error;
  }
}
