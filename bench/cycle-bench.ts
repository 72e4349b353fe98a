import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { readEventWritten, type CycleEventKind } from '../src/notifications/people/people-events';
import { QueueService } from '../src/queue/queue.service';
import { JobName } from '../src/queue/jobs';
import { generateBenchData, type BenchData } from './bench-data';
import { benchConfig, cpuReferenceMs, intArg, RssSampler, say, sleep, timed } from './bench-support';
import { runFloor } from './cycle-floor';

/**
 * `npm run bench -- --lines N`: one monthly cycle over N member pledge lines, through the real
 * queue path (a worker in this process takes the stage jobs), open → locked → confirming →
 * allocated → dispatched, each stage timed by watching the cycle's status commit; then, on
 * the same data, the raw-SQL floor of lock and allocation. Progress on stderr; the last line
 * on stdout is the JSON result.
 */
const STATUSES = ['open', 'locked', 'confirming', 'allocated', 'dispatched'];

async function waitForStatus(client: Client, cycleId: string, status: string): Promise<number> {
  for (;;) {
    const { rows } = await client.query('SELECT status FROM cycles WHERE id = $1', [cycleId]);
    if (STATUSES.indexOf(rows[0].status) >= STATUSES.indexOf(status)) return performance.now();
    await sleep(5);
  }
}

/**
 * Errors and warnings go to stderr; of the rest only the lines of the events written are kept:
 * the messages to people that follow the stages, each written by its own job (the members'
 * cycle.allocated beside dispatch).
 */
const eventsWritten = new Map<CycleEventKind, { messages: number; ms: number; doneAt: number }>();
let remindersWritten: { messages: number; doneAt: number } | undefined;
const stageLog: LoggerService = {
  error: (message: unknown) => process.stderr.write(`[error] ${String(message)}\n`),
  warn: (message: unknown) => process.stderr.write(`[warn] ${String(message)}\n`),
  log: (message: unknown) => {
    const written = readEventWritten(String(message));
    if (written) eventsWritten.set(written.kind, { ...written, doneAt: performance.now() });
    const reminders = /^(\d+) lock reminder\(s\)/.exec(String(message));
    if (reminders) remindersWritten = { messages: +reminders[1], doneAt: performance.now() };
  },
};

/** Polls every 5 ms until `done()` holds; after `timeoutMs`, fails naming `what`. */
async function until(done: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what} not written in ${timeoutMs} ms`);
    await sleep(5);
  }
}

/**
 * The cycle locks a day from now: the clock's first tick, as the worker starts, writes the
 * members' cycle.closing reminders. In a real month they go out days before the lock, so the
 * bench lets them finish (and times them) before it moves the cycle on.
 */
async function closingReminders(startedAt: number) {
  await until(() => remindersWritten !== undefined, 'the lock reminders were');
  return {
    count: remindersWritten!.messages,
    doneAfterStartMs: Math.round(remindersWritten!.doneAt - startedAt),
  };
}

const eventsDone = (kinds: CycleEventKind[]) =>
  until(() => kinds.every((kind) => eventsWritten.has(kind)), `events ${kinds.join(', ')}`);

async function runCycle(client: Client, data: BenchData, rss: RssSampler) {
  const context = await NestFactory.createApplicationContext(AppModule.forRole(benchConfig('worker')), {
    logger: stageLog,
  });
  const startedAt = performance.now();
  await context.init();
  const queue = context.get(QueueService);
  try {
    const reminders = await closingReminders(startedAt);
    say(`  cycle.closing: ${JSON.stringify(reminders)} (before the lock, as in a real month)`);
    const run = (fromStatus: string) =>
      queue.enqueue(
        JobName.RunStage,
        { cycleId: data.cycleId, fromStatus },
        `bench-${data.cycleId}-${fromStatus}`,
      );
    say('cycle: open → locked (stage job queued)');
    const t0 = performance.now();
    await run('open');
    const locked = await waitForStatus(client, data.cycleId, 'locked');
    say(`  locked after ${Math.round(locked - t0)} ms; confirmation requests follow`);
    const confirming = await waitForStatus(client, data.cycleId, 'confirming');
    say(`  confirming after ${Math.round(confirming - locked)} ms; nobody confirms: allocation run now`);
    await run('confirming');
    const allocated = await waitForStatus(client, data.cycleId, 'allocated');
    say(`  allocated after ${Math.round(allocated - confirming)} ms; dispatch follows`);
    const dispatched = await waitForStatus(client, data.cycleId, 'dispatched');
    say(`  dispatched after ${Math.round(dispatched - allocated)} ms`);
    const events: CycleEventKind[] = ['cycle.locked', 'cycle.allocated', 'cycle.dispatched'];
    await eventsDone(events);
    const messages = Object.fromEntries(
      events.map((kind) => {
        const { messages: count, ms, doneAt } = eventsWritten.get(kind)!;
        return [kind, { count, ms, doneAfterMs: Math.round(doneAt - t0) }];
      }),
    );
    say(`  messages to people: ${JSON.stringify(messages)}`);
    const peakRssMb = rss.peakMb();
    return {
      lock: Math.round(locked - t0),
      confirm: Math.round(confirming - locked),
      allocate: Math.round(allocated - confirming),
      dispatch: Math.round(dispatched - allocated),
      total: Math.round(dispatched - t0),
      messages,
      reminders,
      peakRssMb,
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const rss = new RssSampler();
  const lines = intArg('lines', 1_000_000);
  const shape = {
    lines,
    groups: intArg('groups', 200),
    offers: intArg('offers', 10),
    cooperatives: intArg('cooperatives', 5),
    vehicleKg: intArg('vehicle-kg', 25_000),
  };
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { value: data } = await timed(`generated ${lines} pledge lines`, () =>
      generateBenchData(client, shape, say),
    );
    await timed('VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'));
    // A month's pledges are written over weeks, their WAL checkpointed long before the lock.
    // Written in 19 s here, they would set off a WAL-triggered checkpoint in the middle of the
    // allocate stage, which would then pay for the data generation (as in bench/api-bench.ts).
    await timed('CHECKPOINT', () => client.query('CHECKPOINT'));
    const cpuBefore = cpuReferenceMs('before');
    const cycle = await runCycle(client, data, rss);
    say('floor: the same rows by bare SQL into temporary tables (after the cycle, same warm cache)');
    const floor = await runFloor(client, data.cycleId);
    say(`cycle stages: ${JSON.stringify(cycle)}; floor: ${JSON.stringify(floor)}`);
    const result = {
      pledgeLines: data.lines,
      stages: {
        lock: { ms: cycle.lock, floorMs: floor.lockMs },
        allocate: {
          ms: cycle.allocate,
          floorMs: floor.allocateMs,
        },
        dispatch: { ms: cycle.dispatch },
      },
      totalMs: cycle.total,
      // each event's messages, written by its own job after its stage (time from the lock's start)
      messages: cycle.messages,
      // the members' cycle.closing reminders, written before the lock (time from the worker's start)
      reminders: cycle.reminders,
      peakRssMb: cycle.peakRssMb,
      cpuReferenceMs: { before: cpuBefore, after: cpuReferenceMs('after') },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rss.stop();
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
