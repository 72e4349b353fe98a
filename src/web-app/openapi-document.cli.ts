import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { loadEnvironment } from '../config/environment';
import { createHttpApp } from '../http-app';
import { provideInfrastructure } from '../infra/infrastructure';

/**
 * `node dist/infra/run-with-services.js node dist/web-app/openapi-document.cli.js <file>`
 * writes the OpenAPI document the API serves at /docs-json, for the web application's typed
 * client (`npm run api:types`). The API role is booted as production runs it, against the
 * services run-with-services provides, and asked for /docs-json: the document is the code's.
 */
async function main(file: string): Promise<void> {
  const env = loadEnvironment({ ...process.env, APP_ROLE: 'api' });
  const infra = await provideInfrastructure(env, () => undefined);
  const app = await createHttpApp(infra.config, pino({ level: 'silent' }));
  try {
    await app.init();
    const reply = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
    if (reply.statusCode !== 200) throw new Error(`/docs-json answered ${reply.statusCode}`);
    writeFileSync(file, `${JSON.stringify(JSON.parse(reply.body), null, 2)}\n`);
  } finally {
    await app.close();
    await infra.stop();
  }
}

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: openapi-document <output.json>\n');
  process.exit(2);
}
main(file).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
