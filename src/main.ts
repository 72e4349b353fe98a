import { start } from './bootstrap';

// APP_ROLE (api | worker | all, default all) decides what this process runs.
void start().catch((error: unknown) => {
  process.stderr.write(`Proxima failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
