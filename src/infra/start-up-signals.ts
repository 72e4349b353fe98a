const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const STOP_WITHIN_MS = 10_000;

/**
 * SIGTERM or SIGINT while the process is still starting (providing services, migrating,
 * seeding): say so in one line, stop what was started, and exit 0. Nothing half-done stays:
 * each migration and the demo seed are transactions that PostgreSQL rolls back when the
 * connection goes, so the next start migrates or seeds again, or finds it done.
 * Once started, the application's own shutdown hooks take over (`done()`).
 */
export class StartUpSignals {
  private stopping = false;
  private cleanUp: () => Promise<void> = async () => undefined;
  private phase = 'start-up';
  private readonly onSignal = (signal: NodeJS.Signals) => void this.stop(signal);

  constructor(
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /** What the process is doing now, named in the line a signal prints. */
  enter(phase: string, cleanUp?: () => Promise<void>): void {
    this.phase = phase;
    if (cleanUp) this.cleanUp = cleanUp;
  }

  /** Start-up is over: the signals are the application's again. */
  done(): void {
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
  }

  private async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.write(`Proxima stopped by ${signal} during ${this.phase}; the next start takes it up again.\n`);
    const timeout = new Promise<void>((done) => setTimeout(done, STOP_WITHIN_MS).unref());
    await Promise.race([this.cleanUp().catch(() => undefined), timeout]);
    this.exit(0);
  }
}
