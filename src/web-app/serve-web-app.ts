import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Where `npm run build` puts the web application: beside the compiled server. The tests run
 * the sources as ES modules, where there is no __dirname (and no build to serve).
 */
export const WEB_APP_ROOT: string | undefined =
  typeof __dirname === 'string' ? join(__dirname, '..', 'web') : undefined;

/** Paths the API process answers itself; everything else is the web application's. */
const SERVER_PATHS = /^\/(api|docs|docs-json)(\/|$|\?|-)/;

/** Hashed file names never change: a year in any cache. The rest is checked every time. */
function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built web application at `/` (files precompressed by the build, brotli or gzip as
 * the browser accepts), and index.html for any other GET outside the API and the OpenAPI UI, so
 * the application's own routes (/member, /invitations/accept?token=…) load on a fresh tab.
 * Without a build (tests run from the sources), nothing is served.
 */
export async function serveWebApp(app: NestFastifyApplication, root = WEB_APP_ROOT): Promise<void> {
  if (!root || !existsSync(join(root, 'index.html'))) return;
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header('cache-control', cacheControlFor(path)),
  });
  fastify.get('/*', (request, reply) => {
    if (SERVER_PATHS.test(request.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
