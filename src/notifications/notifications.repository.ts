import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type {
  AttemptOutcome,
  NewNotification,
  NotificationChannel,
  NotificationStatus,
  OutboxNotification,
} from './notification.types';

export interface NotificationRow {
  id: string;
  dedupeKey: string;
  kind: string;
  channel: NotificationChannel;
  cycleId: string | null;
  recipientType: string;
  recipientId: string;
  target: string;
  subject: string | null;
  status: NotificationStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

export interface AttemptRow {
  notificationId: string;
  attemptedAt: Date;
  outcome: AttemptOutcome;
  detail: string | null;
}

export interface NotificationFilter {
  cycleId?: string;
  status?: NotificationStatus;
  channel?: NotificationChannel;
  kind?: string;
  from?: string;
  to?: string;
}

/**
 * A notification's kind is its dedupe key up to the first id in it (`confirmation-request`,
 * `manifest`): the cooperatives' and organisers' keys are `<kind>-<ids…>`, the people's
 * notifications' keys `<kind>:<ids…>` (`cycle.allocated:<cycle>:member:<id>`).
 */
const KIND = `regexp_replace(dedupe_key, '(:|-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-).*$', '')`;

/** A notification still to deliver, and how. */
export interface PendingNotification {
  id: string;
  channel: NotificationChannel;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One multi-row insert; a dedupe key already in the outbox is skipped. Returns the new ids. */
  async insert(m: EntityManager, notifications: NewNotification[]): Promise<string[]> {
    if (notifications.length === 0) return [];
    const rows: { id: string }[] = await m.query(
      `INSERT INTO notifications (dedupe_key, channel, cycle_id, recipient_type, recipient_id, target, payload)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::uuid[], $6::text[], $7::jsonb[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        notifications.map((n) => n.dedupeKey),
        notifications.map((n) => n.channel),
        notifications.map((n) => n.cycleId ?? null),
        notifications.map((n) => n.recipientType),
        notifications.map((n) => n.recipientId),
        notifications.map((n) => n.target),
        notifications.map((n) => JSON.stringify(n.payload)),
      ],
    );
    return rows.map((row) => row.id);
  }

  /** The channels of those of `ids` still waiting for delivery. */
  pendingChannels(ids: string[]): Promise<PendingNotification[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT id, channel FROM notifications WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
      [ids],
    );
  }

  /** Pending notifications created more than `olderThanSeconds` ago, oldest first. */
  stalePending(olderThanSeconds: number, limit: number): Promise<PendingNotification[]> {
    return this.dataSource.query(
      `SELECT id, channel FROM notifications
       WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
       ORDER BY created_at, id
       LIMIT $2`,
      [olderThanSeconds, limit],
    );
  }

  async findForDelivery(id: string): Promise<OutboxNotification | null> {
    const [row] = await this.dataSource.query(
      `SELECT n.id, n.channel, n.target, n.payload, n.status, f.facts AS "sharedFacts"
         FROM notifications n
         LEFT JOIN notification_facts f ON f.cycle_id = n.cycle_id AND f.kind = n.payload ->> 'kind'
        WHERE n.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Records one delivery attempt and moves the notification to `status` (pending = retry
   * later), in one statement and only while it is still pending: a notification another run
   * already finished gets neither a new status nor an attempt row. Returns whether it moved.
   */
  async recordAttempt(
    id: string,
    outcome: AttemptOutcome,
    detail: string,
    status: NotificationStatus,
  ): Promise<boolean> {
    return (await this.recordAttempts([id], outcome, detail, status)) > 0;
  }

  /** The same for many notifications at once, in one statement; returns how many moved. */
  async recordAttempts(
    ids: string[],
    outcome: AttemptOutcome,
    detail: string,
    status: NotificationStatus,
  ): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH moved AS (
         UPDATE notifications
         SET status = $2::varchar, attempts = attempts + 1, sent_at = CASE WHEN $2::varchar = 'sent' THEN now() ELSE sent_at END
         WHERE id = ANY ($1::uuid[]) AND status = 'pending'
         RETURNING id
       )
       INSERT INTO notification_attempts (notification_id, outcome, detail)
       SELECT id, $3::varchar, $4::text FROM moved
       RETURNING id`,
      [ids, status, outcome, detail],
    );
    return rows.length;
  }

  async page(filter: NotificationFilter, limit: number, offset: number): Promise<Page<NotificationRow>> {
    const where = `($1::uuid IS NULL OR cycle_id = $1) AND ($2::varchar IS NULL OR status = $2)
       AND ($3::varchar IS NULL OR channel = $3) AND ($4::varchar IS NULL OR ${KIND} = $4)
       AND ($5::timestamptz IS NULL OR created_at >= $5) AND ($6::timestamptz IS NULL OR created_at < $6)`;
    const params = [
      filter.cycleId ?? null,
      filter.status ?? null,
      filter.channel ?? null,
      filter.kind ?? null,
      filter.from ?? null,
      filter.to ?? null,
    ];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT id, dedupe_key AS "dedupeKey", ${KIND} AS kind, channel, cycle_id AS "cycleId", recipient_type AS "recipientType",
                recipient_id AS "recipientId", target,
                CASE channel WHEN 'email' THEN payload->>'subject'
                  ELSE coalesce(payload->>'event', payload->'body'->>'event') END AS subject,
                status, attempts, created_at AS "createdAt", sent_at AS "sentAt"
         FROM notifications WHERE ${where}
         ORDER BY created_at DESC, id
         LIMIT $7 OFFSET $8`,
        [...params, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM notifications WHERE ${where}`, params),
    ]);
    return { items, total };
  }

  /** The attempts of several notifications, in one query, oldest first. */
  attemptsOf(notificationIds: string[]): Promise<AttemptRow[]> {
    if (notificationIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT notification_id AS "notificationId", attempted_at AS "attemptedAt", outcome, detail
       FROM notification_attempts WHERE notification_id = ANY($1::uuid[])
       ORDER BY attempted_at, id`,
      [notificationIds],
    );
  }
}
