import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { PinoLoggerService } from './common/logging/logger';
import { registerBodyGuard } from './common/http/body-guard';
import { REQUEST_ID_OPTIONS, registerRequestContext } from './common/http/request-context';
import { registerSecurityHeaders } from './common/http/security-headers';
import { serveWebApp } from './web-app/serve-web-app';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createHttpApp(
  config: AppConfig,
  logger: Logger,
  onShutdown?: () => Promise<void>,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    // Only behind a proxy that sets X-Forwarded-For: otherwise a client could pick its own
    // address and slip past the per-address login limit.
    trustProxy: config.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ...REQUEST_ID_OPTIONS,
  });
  registerRequestContext(adapter.getInstance());
  registerSecurityHeaders(adapter.getInstance());
  registerBodyGuard(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRole(config, onShutdown),
    adapter,
    {
      logger: new PinoLoggerService(logger),
    },
  );
  app.setGlobalPrefix(API_PREFIX);
  await serveWebApp(app);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Proxima')
      .setDescription(
        'Cross-border producer–consumer partnerships: registry, seasons, pledges and the monthly cycle',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('proxima_session')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
  return app;
}
