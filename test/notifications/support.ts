import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { standardWebhookSecret } from '../../src/notifications/domain/webhook-signature';
import type { NewNotification } from '../../src/notifications/notification.types';
import type { NotificationsService } from '../../src/notifications/notifications.service';
import { unique } from '../support/test-app';
import { partnership, pickupPoint, territory } from '../support/rows';

/** What BullMQ passes a handler on the first of its 8 tries, and on the last. */
export const FIRST_TRY = { attemptsMade: 0, opts: { attempts: 8 } };
export const LAST_TRY = { attemptsMade: 7, opts: { attempts: 8 } };

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Writes notifications in a transaction of their own, as a cycle stage would. */
export function enqueue(
  dataSource: DataSource,
  service: NotificationsService,
  notifications: NewNotification[],
) {
  return dataSource.transaction((m) => service.enqueueInTransaction(m, notifications));
}

export function anEmail(target: string, overrides: Partial<NewNotification> = {}): NewNotification {
  return {
    dedupeKey: unique('email'),
    channel: 'email',
    recipientType: 'cooperative',
    recipientId: '00000000-0000-4000-8000-000000000001',
    target,
    payload: { subject: 'Please confirm the June demand', text: 'Hello' },
    ...overrides,
  } as NewNotification;
}

export function aWebhook(
  target: string,
  body: Record<string, unknown> = { event: 'manifest.issued', n: 1 },
  extra: { event?: string; cycleId?: string } = {},
): NewNotification {
  return {
    dedupeKey: unique('webhook'),
    channel: 'webhook',
    cycleId: extra.cycleId,
    recipientType: 'transport_organiser',
    recipientId: '00000000-0000-4000-8000-000000000002',
    target,
    payload: { event: extra.event, body },
  };
}

export interface OutboxRowView {
  status: string;
  attempts: number;
  sentAt: Date | null;
  attemptRows: { outcome: string; detail: string }[];
}

export async function notificationRow(dataSource: DataSource, id: string): Promise<OutboxRowView> {
  const [row] = await dataSource.query(
    `SELECT status, attempts, sent_at AS "sentAt" FROM notifications WHERE id = $1`,
    [id],
  );
  const attempts = await dataSource.query(
    `SELECT outcome, detail FROM notification_attempts WHERE notification_id = $1 ORDER BY attempted_at, id`,
    [id],
  );
  return { ...row, attemptRows: attempts as { outcome: string; detail: string }[] };
}

/** A cycle with the least around it that the schema asks for (the outbox's cycle_id refers to one). */
export async function insertCycle(dataSource: DataSource): Promise<string> {
  const consumers = await territory(dataSource, 'BE', 'Europe/Brussels', 'EUR');
  const producers = await territory(dataSource, 'MA', 'Africa/Casablanca', 'MAD');
  const partnershipId = await partnership(dataSource, consumers, producers);
  const pickupPointId = await pickupPoint(dataSource, producers);
  const [row] = await dataSource.query(
    `WITH s AS (INSERT INTO seasons (partnership_id, name, producer_territory_id, consumer_territory_id, first_month,
                                     last_month, currency, exchange_rate, pickup_point_id)
                VALUES ($1, $2, $3, $4, '2031-06', '2031-06', 'EUR', 10.8, $5) RETURNING id)
     INSERT INTO cycles (season_id, month, locks_at, confirm_by, loading_date)
     SELECT s.id, '2031-06', '2031-05-10T22:00:00Z', '2031-05-15T22:00:00Z', '2031-06-01' FROM s RETURNING id`,
    [partnershipId, unique('season'), producers, consumers, pickupPointId],
  );
  return row.id;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
export async function startSmtpServer(): Promise<{
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The decoded bytes of the attachment named `filename` in a raw MIME message. */
export function attachmentBytes(raw: string, filename: string): Buffer | undefined {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) return undefined;
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    const headers = part.slice(0, split);
    if (!new RegExp(`filename="?${filename.replace('.', '\\.')}"?`).test(headers)) continue;
    return Buffer.from(part.slice(split + 4).replace(/\s+/g, ''), 'base64');
  }
  return undefined;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An HTTP server on 127.0.0.1 that records requests and answers with `reply` (200 unless changed). */
export async function startHookServer() {
  const requests: ReceivedRequest[] = [];
  const state = { status: 200, headers: {} as Record<string, string> };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(state.status, state.headers);
      res.end(state.status >= 400 ? 'receiver is unhappy' : 'ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    reply(status: number, headers: Record<string, string> = {}) {
      state.status = status;
      state.headers = headers;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A receiver as docs/NOTIFICATIONS.md tells an organiser to write one: it verifies each request
 * with the Standard Webhooks library (signature, and a timestamp within five minutes), then
 * refuses a `webhook-id` it has already taken (a replay). 401 for a bad signature or an old
 * timestamp, 409 for a replay, 204 otherwise.
 */
export async function startVerifyingHookServer(secret: string) {
  const receiver = new Webhook(standardWebhookSecret(secret));
  const seen = new Set<string>();
  const answers: { id: string | undefined; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = req.headers['webhook-id'] as string | undefined;
      let status = 204;
      try {
        receiver.verify(Buffer.concat(chunks), req.headers as Record<string, string>);
        if (seen.has(id!)) status = 409;
        seen.add(id!);
      } catch {
        status = 401;
      }
      answers.push({ id, status });
      res.writeHead(status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { port, answers, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
