/** Resolves after `ms`: for letting time pass on purpose (a token expiring), never for waiting on a result. */
export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export interface UntilOptions {
  /** How often to probe (default 150 ms). */
  everyMs?: number;
  /**
   * A probe that throws counts as "not yet" (a process still starting, a connection refused);
   * by default an error fails the wait at once.
   */
  ignoreErrors?: boolean;
}

/**
 * The one wait of the jest tests: polls `probe` until it answers a value (anything but
 * undefined), which it returns, or fails once `timeoutMs` has passed, naming `what` it waited for.
 * Tests wait for what they need to see, never for a fixed time (the machine may be loaded).
 */
export async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  { everyMs = 150, ignoreErrors = false }: UntilOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await (ignoreErrors ? probe().catch(() => undefined) : probe());
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
