import 'reflect-metadata';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../src/database/data-source';
import { EmailSender } from '../src/notifications/email-sender';
import { isPersonEmailPayload } from '../src/notifications/domain/person-messages';
import { withSharedFacts } from '../src/notifications/domain/shared-facts';
import { NotificationsRepository } from '../src/notifications/notifications.repository';
import { atLeastWorkMem } from '../src/common/database/work-mem';
import {
  FAN_OUT_WORK_MEM,
  PeopleNotificationsRepository,
} from '../src/notifications/people/people-notifications.repository';
import { PersonMessageRenderer } from '../src/notifications/people/person-message-renderer';
import { benchConfig, intArg, say, timed } from './bench-support';

/**
 * Notifications to people: the time to write the cycle.allocated messages of N members (one
 * INSERT … SELECT into the outbox; target ≤ 2 s at 100,000), the same again (every one a dedupe
 * hit), and the rate at which they are written as mails and sent to a local SMTP server.
 * `npm run bench:notifications -- --members 100000 --send 2000 --runs 5`; one JSON line on stdout.
 */
async function main(): Promise<void> {
  const members = intArg('members', 100_000);
  const send = intArg('send', 2_000);
  const config = benchConfig('worker');
  await runMigrations(config.databaseUrl);
  const ds = new DataSource(dataSourceOptions(config.databaseUrl, 4));
  await ds.initialize();
  say(`seeding a cycle allocated to ${members} members`);
  const [{ cycle_id: cycleId }] = await ds.query(
    `WITH a AS (INSERT INTO territories (name, country_code, timezone, currency)
                VALUES ('Bench BE ' || gen_random_uuid(), 'BE', 'Europe/Brussels', 'EUR') RETURNING id),
          b AS (INSERT INTO territories (name, country_code, timezone, currency)
                VALUES ('Bench MA ' || gen_random_uuid(), 'MA', 'Africa/Casablanca', 'MAD') RETURNING id),
          p AS (INSERT INTO partnerships (name, territory_a_id, territory_b_id) SELECT 'Bench', a.id, b.id FROM a, b RETURNING id),
          pp AS (INSERT INTO pickup_points (territory_id, name, address, latitude, longitude)
                 SELECT b.id, 'Souk', 'Route 1', 31.6, -8 FROM b RETURNING id),
          s AS (INSERT INTO seasons (partnership_id, name, producer_territory_id, consumer_territory_id, first_month,
                                     last_month, currency, exchange_rate, pickup_point_id)
                SELECT p.id, 'Bench season', b.id, a.id, '2031-06', '2031-06', 'EUR', 10.8, pp.id FROM p, a, b, pp RETURNING id),
          c AS (INSERT INTO cycles (season_id, month, status, locks_at, confirm_by, loading_date)
                SELECT s.id, '2031-06', 'allocated', '2031-05-10T22:00:00Z', '2031-05-15T22:00:00Z', '2031-06-01' FROM s
                RETURNING id),
          g AS (INSERT INTO consumer_groups (territory_id, name, kind, drop_point_name, drop_point_address,
                                             drop_point_latitude, drop_point_longitude, contact_email)
                SELECT a.id, 'Bench group', 'GASAP', 'Hall', 'Rue 1', 50.88, 4.33, 'group@bench.example' FROM a RETURNING id),
          k AS (INSERT INTO cooperatives (territory_id, name, contact_email, local_sales_share)
                SELECT b.id, 'Bench coop', 'coop@bench.example', 0.6 FROM b RETURNING id),
          pr AS (INSERT INTO products (name, hs_code, unit, unit_net_kg, unit_gross_kg, category)
                 VALUES ('Argan oil', '151590', '1 l bottle', 0.92, 1.3, 'oil'), ('Dates', '080410', '1 kg box', 1, 1.1, 'fruit')
                 RETURNING id),
          o AS (INSERT INTO offers (season_id, cooperative_id, product_id, unit_price_minor, pack_size, monthly_capacity)
                SELECT s.id, k.id, pr.id, 1500, 6, 1000000 FROM s, k, pr RETURNING id, cooperative_id)
     SELECT c.id AS cycle_id, g.id AS group_id,
            (SELECT array_agg(o.id) FROM o) AS offers, (SELECT min(o.cooperative_id::text) FROM o) AS cooperative
       FROM c, g`,
  );
  const [{ group_id: groupId, offers, cooperative }] = await ds.query(
    `SELECT (SELECT id FROM consumer_groups WHERE name = 'Bench group' ORDER BY created_at DESC LIMIT 1) AS group_id,
            (SELECT array_agg(id) FROM offers o WHERE o.season_id = (SELECT season_id FROM cycles WHERE id = $1)) AS offers,
            (SELECT cooperative_id FROM offers o WHERE o.season_id = (SELECT season_id FROM cycles WHERE id = $1) LIMIT 1)
              AS cooperative`,
    [cycleId],
  );
  await ds.query(
    `INSERT INTO members (consumer_group_id, name, email)
     SELECT $1, 'Member ' || i, 'member-' || i || '-' || $2 || '@bench.example' FROM generate_series(1, $3) i`,
    [groupId, cycleId.slice(0, 8), members],
  );
  await ds.query(
    `INSERT INTO cycle_offers (cycle_id, offer_id, cooperative_id, demand, confirmed, export_cap, supply)
     SELECT $1, o, $2, $3 * 4, $3 * 3, NULL, $3 * 3 FROM unnest($4::uuid[]) o`,
    [cycleId, cooperative, members, offers],
  );
  await ds.query(
    `INSERT INTO member_allocations (cycle_id, member_id, offer_id, consumer_group_id, pledged, allocated)
     SELECT $1, m.id, o, $2, 4, 3 FROM members m CROSS JOIN unnest($3::uuid[]) o WHERE m.consumer_group_id = $2`,
    [cycleId, groupId, offers],
  );
  await ds.query('ANALYZE members; ANALYZE member_allocations; ANALYZE users');
  const repository = new PeopleNotificationsRepository();
  if (intArg('explain', 0) === 1) {
    // The plan of the fan-out as it runs, rolled back: what docs/PERFORMANCE.md's figures come from.
    const { sql, parameters } = repository.fanOutStatement('cycle.allocated', cycleId);
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    await atLeastWorkMem(runner, FAN_OUT_WORK_MEM);
    const plan: { 'QUERY PLAN': string }[] = await runner.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      parameters,
    );
    await runner.rollbackTransaction();
    await runner.release();
    process.stderr.write(`${plan.map((line) => line['QUERY PLAN']).join('\n')}\n`);
  }
  // The write is timed `--runs` times (the ones before the last rolled back, so each writes
  // 100,000 new rows) and reported as the median and the fastest: one run on a shared
  // machine moves by ±30 %.
  const runs = intArg('runs', 5);
  const writeMs: number[] = [];
  for (let run = 1; run < runs; run += 1) {
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    const rolledBack = await timed(`write cycle.allocated (run ${run}, rolled back)`, () =>
      repository.fanOut(runner.manager, 'cycle.allocated', cycleId),
    );
    await runner.rollbackTransaction();
    await runner.release();
    // The rolled-back rows' index entries would slow the next run's uniqueness checks.
    await ds.query('VACUUM notifications');
    writeMs.push(rolledBack.ms);
  }
  const first = await timed('write cycle.allocated', () =>
    ds.transaction((m) => repository.fanOut(m, 'cycle.allocated', cycleId)),
  );
  writeMs.push(first.ms);
  say(`${first.value.length} messages written; ${writeMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const again = await timed('write cycle.allocated again', () =>
    ds.transaction((m) => repository.fanOut(m, 'cycle.allocated', cycleId)),
  );
  say(`run again: ${again.value.length} new in ${again.ms.toFixed(0)} ms`);

  const received = { count: 0 };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received.count += 1;
        callback();
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const { port } = smtp.server.address() as AddressInfo;
  const mailConfig = { ...config, smtpUrl: `smtp://127.0.0.1:${port}?pool=true&maxConnections=4` };
  const renderer = new PersonMessageRenderer(mailConfig);
  const sender = new EmailSender(mailConfig);
  // Read as the worker reads each one before sending it (findForDelivery), ahead of the timing.
  const outbox = new NotificationsRepository(ds);
  const ids: { id: string }[] = await ds.query(
    `SELECT id FROM notifications WHERE cycle_id = $1 ORDER BY id LIMIT $2`,
    [cycleId, send],
  );
  const rows = (await Promise.all(ids.map(({ id }) => outbox.findForDelivery(id)))).flatMap((n) =>
    n && isPersonEmailPayload(n.payload)
      ? [{ target: n.target, payload: n.payload, facts: n.sharedFacts }]
      : [],
  );
  // The messages hold only the members' figures: the rendered text must still name the goods.
  const sample = renderer.render(withSharedFacts(rows[0].payload, rows[0].facts));
  if (!sample.text.includes('Argan oil'))
    throw new Error(`a rendered message lost its goods:\n${sample.text}`);
  const sending = await timed('render and send', async () => {
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift())
        await sender.send(row.target, renderer.render(withSharedFacts(row.payload, row.facts)));
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  });
  sender.onApplicationShutdown();
  smtp.close();
  await ds.query(`DELETE FROM cycles WHERE id = $1`, [cycleId]);
  await ds.destroy();
  process.stdout.write(
    `${JSON.stringify({
      members,
      allocatedMessagesWritten: first.value.length,
      writeMs: Math.round(median(writeMs)),
      writeFastestMs: Math.round(Math.min(...writeMs)),
      writeRuns: writeMs.length,
      writeTargetMs: 2000,
      rerunNewMessages: again.value.length,
      rerunMs: Math.round(again.ms),
      mailsSent: received.count,
      sendMs: Math.round(sending.ms),
      mailsPerSecond: Math.round((received.count / sending.ms) * 1000),
    })}\n`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
