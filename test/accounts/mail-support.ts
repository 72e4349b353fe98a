import type { DataSource } from 'typeorm';
import { FIRST_TRY, type ReceivedMail } from '../notifications/support';
import type { NotificationsService } from '../../src/notifications/notifications.service';
import { until } from '../support/wait';

/** The body of a received mail as text (quoted-printable or base64 decoded). */
export function mailText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The subject, decoded when it is an RFC 2047 encoded word. */
export function mailSubject(raw: string): string {
  const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return subject
    .replace(/\r\n[ \t]/g, '')
    .replace(/=\?utf-8\?B\?([^?]+)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'))
    .replace(/=\?utf-8\?Q\?([^?]+)\?=/gi, (_, q: string) =>
      Buffer.from(
        q
          .replace(/_/g, ' ')
          .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8'),
    )
    .replace(/\?=\s*=\?/g, '');
}

/** Waits until the outbox holds a mail to `to` (written after the answer), then delivers it. */
export async function deliverMailTo(
  dataSource: DataSource,
  notifications: NotificationsService,
  to: string,
): Promise<void> {
  const rows = await until(
    `a mail to ${to} in the outbox`,
    5000,
    async () => {
      const pending: { id: string }[] = await dataSource.query(
        `SELECT id FROM notifications WHERE target = $1 AND status = 'pending' ORDER BY created_at`,
        [to],
      );
      return pending.length > 0 ? pending : undefined;
    },
    { everyMs: 25 },
  );
  for (const { id } of rows) await notifications.sendEmail({ notificationId: id }, FIRST_TRY);
}

/** The token of the web app link `path?token=…` in the last mail to `to`. */
export function tokenInMail(
  mails: ReceivedMail[],
  to: string,
  path: string,
): { token: string; text: string; raw: string } {
  const mail = mails.filter((m) => m.to.includes(to)).at(-1);
  if (!mail) throw new Error(`no mail received for ${to}`);
  const text = mailText(mail.raw);
  const match = new RegExp(
    `http://localhost:3000${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`,
  ).exec(text);
  if (!match) throw new Error(`no ${path} link in the mail to ${to}: ${text}`);
  return { token: match[1], text, raw: mail.raw };
}
