import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { findFreePort } from '../../src/infra/free-port';
import { QueueName } from '../../src/queue/jobs';
import { QueueService } from '../../src/queue/queue.service';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { startTestApp, unique, type TestApp } from '../support/test-app';
import {
  anEmail,
  attachmentBytes,
  enqueue,
  FIRST_TRY,
  LAST_TRY,
  notificationRow,
  startSmtpServer,
  type ReceivedMail,
} from './support';
import { until } from '../support/wait';

describe('email notifications', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let service: NotificationsService;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      smtpFrom: 'Proxima <no-reply@proxima.test>',
      queuePrefix: unique('nt'),
    });
    service = t.app.get(NotificationsService);
  });
  afterAll(async () => {
    await t.app.get(QueueService).queue(QueueName.Notifications).obliterate({ force: true });
    await t.close();
    await smtp.close();
  });

  const mailsTo = (address: string): ReceivedMail[] => smtp.mails.filter((m) => m.to.includes(address));

  it('sends the mail with its attachment over SMTP and records the attempt', async () => {
    const to = `${unique('coop')}@test.example`;
    const pdf = randomBytes(3000);
    const [id] = await enqueue(t.dataSource, service, [
      anEmail(to, {
        payload: {
          subject: 'Manifest MAN-203106-0001',
          text: 'The manifest is attached.',
          attachments: [
            {
              filename: 'manifest.pdf',
              contentType: 'application/pdf',
              contentBase64: pdf.toString('base64'),
            },
          ],
        },
      }),
    ]);
    await service.sendEmail({ notificationId: id }, FIRST_TRY);

    const [mail] = mailsTo(to);
    expect(mailsTo(to)).toHaveLength(1);
    expect(mail.from).toBe('no-reply@proxima.test');
    expect(mail.raw).toMatch(/^Subject: Manifest MAN-203106-0001\r$/m);
    expect(mail.raw).toMatch(new RegExp(`^To: ${to}\\r$`, 'm'));
    expect(attachmentBytes(mail.raw, 'manifest.pdf')?.equals(pdf)).toBe(true);

    const row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(Date) });
    expect(row.attemptRows).toEqual([{ outcome: 'sent', detail: expect.stringMatching(/^250/) }]);
  });

  it('never sends a sent notification again', async () => {
    const to = `${unique('coop')}@test.example`;
    const [id] = await enqueue(t.dataSource, service, [anEmail(to)]);
    await service.sendEmail({ notificationId: id }, FIRST_TRY);
    await service.sendEmail({ notificationId: id }, FIRST_TRY);
    await Promise.all([
      service.sendEmail({ notificationId: id }, FIRST_TRY),
      service.sendEmail({ notificationId: id }, FIRST_TRY),
    ]);
    expect(mailsTo(to)).toHaveLength(1);
    const row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row.attemptRows).toHaveLength(1);
  });

  it('writes one notification for one dedupe key, however often the stage runs', async () => {
    const first = anEmail(`${unique('coop')}@test.example`);
    const again = { ...first, payload: { subject: 'changed', text: 'changed' } } as typeof first;
    const inserted = await enqueue(t.dataSource, service, [first]);
    const second = await enqueue(t.dataSource, service, [again]);
    const both = await enqueue(t.dataSource, service, [
      first,
      anEmail(`${unique('coop')}@test.example`, { dedupeKey: first.dedupeKey }),
    ]);
    expect(inserted).toHaveLength(1);
    expect(second).toEqual([]);
    expect(both).toEqual([]);
    const rows = await t.dataSource.query(
      `SELECT payload->>'subject' AS subject FROM notifications WHERE dedupe_key = $1`,
      [first.dedupeKey],
    );
    expect(rows).toEqual([{ subject: 'Please confirm the June demand' }]);
  });

  it('writes many notifications with one statement and returns only the new ids', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => anEmail(`${unique(`m${i}`)}@test.example`));
    const ids = await enqueue(t.dataSource, service, batch);
    expect(new Set(ids).size).toBe(50);
    const more = await enqueue(t.dataSource, service, [
      ...batch.slice(0, 10),
      anEmail(`${unique('new')}@test.example`),
    ]);
    expect(more).toHaveLength(1);
    expect(ids).not.toContain(more[0]);
    expect(await enqueue(t.dataSource, service, [])).toEqual([]);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const email = anEmail(`${unique('coop')}@test.example`);
    await expect(
      t.dataSource.transaction(async (m) => {
        await service.enqueueInTransaction(m, [email]);
        throw new Error('the stage failed');
      }),
    ).rejects.toThrow('the stage failed');
    const rows = await t.dataSource.query(`SELECT id FROM notifications WHERE dedupe_key = $1`, [
      email.dedupeKey,
    ]);
    expect(rows).toEqual([]);
  });

  it('dispatches through the notifications queue to the SMTP server', async () => {
    const to = `${unique('queued')}@test.example`;
    const [id] = await enqueue(t.dataSource, service, [anEmail(to)]);
    const config = t.app.get(QueueService);
    const queue = config.queue(QueueName.Notifications);
    expect(await service.dispatch([id])).toBe(1);
    expect(await service.dispatch([id])).toBe(1); // same job id: BullMQ keeps one job
    const job = await queue.getJob(`notify-${id}`);
    expect(job?.name).toBe('send-email');
    expect(job?.opts.attempts).toBe(8);
    expect(await queue.getJobCounts('waiting')).toMatchObject({ waiting: 1 });

    const worker = new Worker(QueueName.Notifications, (j) => service.sendEmail(j.data, j), {
      connection: { url: (queue.opts.connection as { url: string }).url, maxRetriesPerRequest: null },
      prefix: queue.opts.prefix,
    });
    try {
      await until(`a mail to ${to}`, 10_000, async () => (mailsTo(to).length > 0 ? true : undefined), {
        everyMs: 50,
      });
    } finally {
      await worker.close();
    }
    expect(mailsTo(to)).toHaveLength(1);
    expect((await notificationRow(t.dataSource, id)).status).toBe('sent');
    expect(await service.dispatch([id])).toBe(0); // sent: nothing left to queue
  });

  it('sweeps pending notifications whose job was lost back into the queue, once', async () => {
    const [id] = await enqueue(t.dataSource, service, [anEmail(`${unique('lost')}@test.example`)]);
    const queue = t.app.get(QueueService).queue(QueueName.Notifications);
    // Too recent: its own dispatch may still come. (The sweep covers the whole outbox, which
    // other suites share, so the test looks at this notification's job, not the sweep's count.)
    await service.sweepPending(60);
    expect(await queue.getJob(`notify-${id}`)).toBeUndefined();
    await t.dataSource.query(
      `UPDATE notifications SET created_at = now() - interval '5 minutes' WHERE id = $1`,
      [id],
    );
    expect(await queue.getJob(`notify-${id}`)).toBeUndefined();
    expect(await service.sweepPending(60)).toBeGreaterThanOrEqual(1);
    expect((await queue.getJob(`notify-${id}`))?.name).toBe('send-email');
    const jobsBefore = await queue.getJobCounts('waiting');
    await service.sweepPending(60);
    expect(await queue.getJobCounts('waiting')).toEqual(jobsBefore);
    // Each sweep goes over every pending notification of the database the suites share (a few
    // thousand late in a full run), which takes more than the default 30 s on a loaded machine.
  }, 120_000);
});

describe('email notifications when SMTP is down', () => {
  let t: TestApp;
  let service: NotificationsService;

  beforeAll(async () => {
    const closedPort = await findFreePort(40000 + Math.floor(Math.random() * 20000));
    t = await startTestApp({
      smtpUrl: `smtp://proxima:s3cret-passw0rd@127.0.0.1:${closedPort}`,
      queuePrefix: unique('nt'),
    });
    service = t.app.get(NotificationsService);
  });
  afterAll(() => t.close());

  it('records a failed attempt, keeps the notification pending and throws so BullMQ retries', async () => {
    const [id] = await enqueue(t.dataSource, service, [anEmail(`${unique('coop')}@test.example`)]);
    await expect(service.sendEmail({ notificationId: id }, FIRST_TRY)).rejects.toThrow(/ECONNREFUSED/);
    let row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(row.attemptRows).toEqual([{ outcome: 'failed', detail: expect.stringContaining('ECONNREFUSED') }]);
    expect(JSON.stringify(row)).not.toContain('s3cret-passw0rd');

    await expect(service.sendEmail({ notificationId: id }, LAST_TRY)).rejects.toThrow(/failed for good/);
    row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.attemptRows.map((a) => a.outcome)).toEqual(['failed', 'failed']);

    await service.sendEmail({ notificationId: id }, FIRST_TRY); // failed for good: not tried again
    expect((await notificationRow(t.dataSource, id)).attempts).toBe(2);
  });
});

describe('email notifications without SMTP_URL', () => {
  let t: TestApp;
  let service: NotificationsService;

  beforeAll(async () => {
    t = await startTestApp({ smtpUrl: undefined, queuePrefix: unique('nt') });
    service = t.app.get(NotificationsService);
  });
  afterAll(() => t.close());

  it('marks the notification skipped with the reason', async () => {
    const [id] = await enqueue(t.dataSource, service, [anEmail(`${unique('coop')}@test.example`)]);
    await service.sendEmail({ notificationId: id }, FIRST_TRY);
    const row = await notificationRow(t.dataSource, id);
    expect(row).toMatchObject({ status: 'skipped', attempts: 1, sentAt: null });
    expect(row.attemptRows).toEqual([{ outcome: 'skipped', detail: 'SMTP_URL not set' }]);
  });

  it('skips a batch at dispatch without queueing a job for each mail', async () => {
    const ids = await enqueue(
      t.dataSource,
      service,
      Array.from({ length: 3 }, () => anEmail(`${unique('member')}@test.example`)),
    );
    expect(await service.dispatch(ids)).toBe(0); // nothing queued
    const queue = t.app.get(QueueService).queue(QueueName.Notifications);
    expect(await queue.getJobCounts('waiting', 'delayed', 'active')).toEqual({
      waiting: 0,
      delayed: 0,
      active: 0,
    });
    for (const id of ids) {
      const row = await notificationRow(t.dataSource, id);
      expect(row).toMatchObject({ status: 'skipped', attempts: 1 });
      expect(row.attemptRows).toEqual([{ outcome: 'skipped', detail: 'SMTP_URL not set' }]);
    }
    expect(await service.dispatch(ids)).toBe(0); // no longer pending: no second attempt
    expect((await notificationRow(t.dataSource, ids[0])).attempts).toBe(1);
  });

  it('skips the mails the sweep finds, without queueing a job for each', async () => {
    const ids = await enqueue(
      t.dataSource,
      service,
      Array.from({ length: 3 }, () => anEmail(`${unique('swept')}@test.example`)),
    );
    // Older than anything the other suites sharing this database have still to send.
    await t.dataSource.query(
      `UPDATE notifications SET created_at = now() - interval '3 hours' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(await service.sweepPending(2 * 3600)).toBe(0); // nothing queued
    const queue = t.app.get(QueueService).queue(QueueName.Notifications);
    for (const id of ids) {
      expect(await queue.getJob(`notify-${id}`)).toBeUndefined();
      const row = await notificationRow(t.dataSource, id);
      expect(row).toMatchObject({ status: 'skipped', attempts: 1 });
      expect(row.attemptRows).toEqual([{ outcome: 'skipped', detail: 'SMTP_URL not set' }]);
    }
  });
});
