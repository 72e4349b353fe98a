import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { OnJob } from '../queue/job-handler.decorator';
import { JOB_OPTIONS, JobName, type JobPayloads, QueueName } from '../queue/jobs';
import { QueueService } from '../queue/queue.service';
import type { ListNotificationsQuery, NotificationDto } from './dto/notification.dto';
import { isPersonEmailPayload } from './domain/person-messages';
import { withSharedFacts } from './domain/shared-facts';
import { EmailSender } from './email-sender';
import { PersonMessageRenderer } from './people/person-message-renderer';
import type {
  EmailPayload,
  JobAttempt,
  NewNotification,
  NotificationChannel,
  WebhookPayload,
} from './notification.types';
import {
  NotificationsRepository,
  type AttemptRow,
  type NotificationRow,
  type PendingNotification,
} from './notifications.repository';
import { postWebhook, type WebhookResponse } from './webhook-sender';
import { webhookHeaders } from './domain/webhook-signature';
import { resolveWebhookTarget, WebhookTargetRefused, type WebhookTarget } from './webhook-target';

type DeliveryJob = JobName.SendEmail | JobName.SendWebhook;

const JOB_FOR_CHANNEL: Record<NotificationChannel, DeliveryJob> = {
  email: JobName.SendEmail,
  webhook: JobName.SendWebhook,
};

/** Deterministic, so that queueing a notification twice queues one job (BullMQ ignores the second add). */
export function notificationJobId(notificationId: string): string {
  return `notify-${notificationId}`;
}

/** The last try BullMQ will make: after it, a failure is final. A direct call (no job) is never the last. */
function isLastAttempt(job?: JobAttempt): boolean {
  return !!job && job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

const SWEEP_BATCH = 500;
const DISPATCH_BATCH = 2_000;
const DETAIL_MAX = 1000;
const SMTP_NOT_SET = 'SMTP_URL not set';

/**
 * The notification outbox. A stage writes its notifications in its own transaction
 * (`enqueueInTransaction`), queues them after commit (`dispatch`), and the notifications
 * queue delivers them: email over SMTP, signed webhooks over HTTP. Delivery is at least once:
 * a notification is only sent while it is pending, and its outcome is recorded with a
 * conditional update, but a worker that dies between sending and recording sends again.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsRepository,
    private readonly queues: QueueService,
    private readonly email: EmailSender,
    private readonly personMessages: PersonMessageRenderer,
  ) {}

  /** Writes the notifications in the caller's transaction; returns the ids of those that were new. */
  enqueueInTransaction(manager: EntityManager, notifications: NewNotification[]): Promise<string[]> {
    return this.notifications.insert(manager, notifications);
  }

  /**
   * Queues delivery of notifications once the transaction that wrote them has committed.
   * Never throws: a notification that could not be queued stays pending and `sweepPending`
   * queues it later. Returns how many were queued.
   */
  async dispatch(ids: string[]): Promise<number> {
    let queued = 0;
    // A fan-out to 100,000 members queues them a batch at a time (one Redis round trip each).
    for (let start = 0; start < ids.length; start += DISPATCH_BATCH)
      queued += await this.dispatchBatch(ids.slice(start, start + DISPATCH_BATCH));
    return queued;
  }

  private async dispatchBatch(ids: string[]): Promise<number> {
    try {
      const deliverable = await this.skipUnsendable(await this.notifications.pendingChannels(ids));
      await this.queueJobs(deliverable);
      return deliverable.length;
    } catch (error) {
      this.logger.warn(
        `could not queue ${ids.length} notification(s), the sweep will: ${(error as Error).message}`,
      );
      return 0;
    }
  }

  /**
   * Queues again the notifications pending for longer than `olderThanSeconds` whose job is
   * gone (Redis lost it) or finished without delivering. A job still waiting, delayed for a
   * retry, or running is left alone. Returns how many were queued.
   */
  async sweepPending(olderThanSeconds = 60): Promise<number> {
    const stale = await this.notifications.stalePending(olderThanSeconds, SWEEP_BATCH);
    const deliverable = await this.skipUnsendable(stale);
    const queue = this.queues.queue(QueueName.Notifications);
    // The jobs' states asked all at once (one connection carries them in a row, not a round trip each).
    const lost = await Promise.all(
      deliverable.map(async (notification) => {
        const job = await queue.getJob(notificationJobId(notification.id));
        if (!job) return notification;
        const state = await job.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return null;
        await job.remove();
        return notification;
      }),
    );
    const requeued = lost.filter((n) => n !== null);
    await this.queueJobs(requeued);
    if (requeued.length > 0) this.logger.log(`queued again ${requeued.length} pending notification(s)`);
    return requeued.length;
  }

  /**
   * Without SMTP an e-mail can only be skipped: one statement for all of them, not a job each.
   * Returns the notifications left to deliver.
   */
  private async skipUnsendable(pending: PendingNotification[]): Promise<PendingNotification[]> {
    if (this.email.configured) return pending;
    const unsendable = pending.filter((n) => n.channel === 'email').map((n) => n.id);
    if (unsendable.length > 0)
      await this.notifications.recordAttempts(unsendable, 'skipped', SMTP_NOT_SET, 'skipped');
    return pending.filter((n) => n.channel !== 'email');
  }

  /** One Redis round trip for the batch's delivery jobs. */
  private async queueJobs(notifications: PendingNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    const queue = await this.queues.ready(QueueName.Notifications);
    await queue.addBulk(
      notifications.map(({ id, channel }) => {
        const name = JOB_FOR_CHANNEL[channel];
        return {
          name,
          data: { notificationId: id },
          opts: { ...JOB_OPTIONS[name], jobId: notificationJobId(id) },
        };
      }),
    );
  }

  @OnJob(JobName.SendEmail)
  async sendEmail({ notificationId }: JobPayloads[JobName.SendEmail], job?: JobAttempt): Promise<void> {
    const notification = await this.notifications.findForDelivery(notificationId);
    if (notification?.status !== 'pending' || notification.channel !== 'email') return;
    if (!this.email.configured) {
      await this.notifications.recordAttempt(notificationId, 'skipped', SMTP_NOT_SET, 'skipped');
      return;
    }
    const stored = notification.payload;
    const payload = isPersonEmailPayload(stored)
      ? this.personMessages.render(withSharedFacts(stored, notification.sharedFacts))
      : (stored as EmailPayload);
    let response: string;
    try {
      response = await this.email.send(notification.target, payload);
    } catch (error) {
      return this.fail(notificationId, (error as Error).message, job);
    }
    await this.notifications.recordAttempt(notificationId, 'sent', this.redact(response), 'sent');
  }

  @OnJob(JobName.SendWebhook)
  async sendWebhook({ notificationId }: JobPayloads[JobName.SendWebhook], job?: JobAttempt): Promise<void> {
    const notification = await this.notifications.findForDelivery(notificationId);
    if (notification?.status !== 'pending' || notification.channel !== 'webhook') return;
    const secret = this.config.webhookSigningSecret;
    if (!secret) {
      await this.notifications.recordAttempt(
        notificationId,
        'skipped',
        'WEBHOOK_SIGNING_SECRET not set',
        'skipped',
      );
      return;
    }
    let target: WebhookTarget;
    try {
      target = await resolveWebhookTarget(notification.target, this.config.allowPrivateWebhookTargets);
    } catch (error) {
      if (!(error instanceof WebhookTargetRefused))
        return this.fail(notificationId, (error as Error).message, job);
      this.logger.warn(`webhook ${notificationId} refused: ${error.message}`);
      await this.notifications.recordAttempt(notificationId, 'failed', `refused: ${error.message}`, 'failed');
      return;
    }
    const payload = notification.payload as WebhookPayload;
    const body = Buffer.from(JSON.stringify(payload.body));
    const event =
      payload.event ?? (typeof payload.body.event === 'string' ? payload.body.event : 'notification');
    let response: WebhookResponse;
    try {
      response = await postWebhook(target, body, {
        'content-type': 'application/json',
        'x-proxima-event': event,
        ...webhookHeaders(secret, notificationId, body),
      });
    } catch (error) {
      return this.fail(notificationId, (error as Error).message, job);
    }
    const { status } = response;
    if (status < 200 || status >= 300) return this.fail(notificationId, describeRefusal(response), job);
    await this.notifications.recordAttempt(notificationId, 'sent', `HTTP ${status}`, 'sent');
  }

  async list(query: ListNotificationsQuery): Promise<Page<NotificationDto>> {
    const page = await this.notifications.page(
      {
        cycleId: query.cycleId,
        status: query.status,
        channel: query.channel,
        kind: query.kind,
        from: query.from,
        to: query.to,
      },
      query.limit,
      query.offset,
    );
    const attempts = new Map<string, AttemptRow[]>();
    for (const attempt of await this.notifications.attemptsOf(page.items.map((n) => n.id))) {
      attempts.set(attempt.notificationId, [...(attempts.get(attempt.notificationId) ?? []), attempt]);
    }
    return { items: page.items.map((n) => toDto(n, attempts.get(n.id) ?? [])), total: page.total };
  }

  /** Records a failed attempt and throws so that BullMQ retries; after the last try the notification is failed. */
  private async fail(notificationId: string, reason: string, job?: JobAttempt): Promise<never> {
    const detail = this.redact(reason);
    const last = isLastAttempt(job);
    await this.notifications.recordAttempt(notificationId, 'failed', detail, last ? 'failed' : 'pending');
    throw new Error(`notification ${notificationId}${last ? ' failed for good' : ''}: ${detail}`);
  }

  /** Attempt details are shown to admins and logged: no SMTP credentials or signing secret in them. */
  private redact(text: string): string {
    let safe = text;
    for (const secret of this.secrets()) safe = safe.split(secret).join('***');
    return safe.slice(0, DETAIL_MAX);
  }

  private secrets(): string[] {
    const secrets = [this.config.smtpUrl, this.config.webhookSigningSecret];
    if (this.config.smtpUrl) {
      try {
        const { password, username } = new URL(this.config.smtpUrl);
        if (password) secrets.push(`${username}:${password}`, password, decodeURIComponent(password));
      } catch {
        // validated at start: an smtp:// URL always parses
      }
    }
    return secrets.filter((s): s is string => !!s && s.length >= 4);
  }
}

/** The status alone: nothing the receiver sent back is stored or shown. */
function describeRefusal({ status }: WebhookResponse): string {
  return `HTTP ${status}${status >= 300 && status < 400 ? ' (redirect not followed)' : ''}`;
}

function toDto(n: NotificationRow, attempts: AttemptRow[]): NotificationDto {
  return {
    id: n.id,
    dedupeKey: n.dedupeKey,
    kind: n.kind,
    channel: n.channel,
    cycleId: n.cycleId,
    recipientType: n.recipientType,
    recipientId: n.recipientId,
    target: n.target,
    subject: n.subject,
    status: n.status,
    attemptCount: n.attempts,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    attempts: attempts.map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      outcome: a.outcome,
      detail: a.detail,
    })),
  };
}
