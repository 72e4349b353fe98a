import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { DEFAULT_HTTP_TIMEOUTS, type AppConfig } from './config/app-config';
import { PinoLoggerService } from './common/logging/logger';
import { registerBodyGuard } from './common/http/body-guard';
import { REQUEST_ID_OPTIONS, registerRequestContext } from './common/http/request-context';
import { registerSecurityHeaders } from './common/http/security-headers';
import { registerOneClickUnsubscribeBodies } from './notifications/people/one-click-body';
import { serveWebApp } from './web-app/serve-web-app';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createHttpApp(
  config: AppConfig,
  logger: Logger,
  onShutdown?: () => Promise<void>,
): Promise<NestFastifyApplication> {
  const timeouts = config.httpTimeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Slow clients are cut off (docs/SECURITY.md, F7): a request (headers and body) has
    // requestMs to arrive, its headers headersMs, an idle socket lives connectionMs and an idle
    // keep-alive connection keepAliveMs. Node enforces the first two when it checks its
    // connections, every connectionsCheckingInterval: a tenth of the headers' time here, where
    // Node's 30 s default would let a trickle outlive a short timeout by that much.
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.connectionMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 10))),
    },
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
  registerOneClickUnsubscribeBodies(adapter.getInstance(), API_PREFIX);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRole(config, onShutdown),
    adapter,
    {
      logger: new PinoLoggerService(logger),
      // Fastify's own JSON parser only: Nest would add a urlencoded one that lets every route
      // take HTML form bodies; the one form the API reads is RFC 8058's one-click unsubscribe.
      bodyParser: false,
    },
  );
  app.setGlobalPrefix(API_PREFIX);
  await serveWebApp(app);
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
