import { start } from './bootstrap';

// The worker entry point: queue workers and the cycle clock, no HTTP.
void start('worker').catch((error: unknown) => {
  process.stderr.write(
    `Proxima worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
