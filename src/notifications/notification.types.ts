import type { SharedFacts } from './domain/shared-facts';
export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export type AttemptOutcome = 'sent' | 'failed' | 'skipped';

/** `user`: a person's own account mail (password reset); `invitation`: the invited address. */
export type RecipientType = 'cooperative' | 'transport_organiser' | 'user' | 'invitation';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface EmailPayload {
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
  /** extra headers, e.g. List-Unsubscribe (RFC 8058) */
  headers?: Record<string, string>;
}

export interface WebhookPayload {
  /** Sent as `x-proxima-event`; when absent, the body's own `event` field or `notification`. */
  event?: string;
  body: Record<string, unknown>;
}

interface NewNotificationBase {
  /** Unique per message: a stage that runs again writes no second notification. */
  dedupeKey: string;
  cycleId?: string | null;
  recipientType: RecipientType;
  recipientId: string;
}

/** One message to put in the outbox: an email to an address, or a webhook to a URL. */
export type NewNotification =
  | (NewNotificationBase & { channel: 'email'; target: string; payload: EmailPayload })
  | (NewNotificationBase & { channel: 'webhook'; target: string; payload: WebhookPayload });

/** The outbox row the delivery handlers work from. */
export interface OutboxNotification {
  id: string;
  channel: NotificationChannel;
  target: string;
  payload: EmailPayload | WebhookPayload;
  status: NotificationStatus;
  /** what the messages of its event share (notification_facts), if they share anything */
  sharedFacts: SharedFacts | null;
}

/** What BullMQ tells a handler about the attempt being made (a subset of its Job). */
export interface JobAttempt {
  attemptsMade: number;
  opts: { attempts?: number };
}
