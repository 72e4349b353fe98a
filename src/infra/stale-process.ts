import { existsSync, readFileSync, rmSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by an earlier run that was killed (its pid file still there) would
 * hold the data directory: stop it before starting a new one.
 */
export async function stopStaleServer(pidFile: string, signal: NodeJS.Signals): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
    process.kill(pid, signal);
    for (let waited = 0; alive(pid) && waited < 15_000; waited += 100) {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  rmSync(pidFile, { force: true });
}
