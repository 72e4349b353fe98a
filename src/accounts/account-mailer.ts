import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecipientType } from '../notifications/notification.types';
import { NotificationsService } from '../notifications/notifications.service';
import type { Mail } from './domain/account-mails';

export interface AccountMail {
  dedupeKey: string;
  recipientType: RecipientType;
  recipientId: string;
  to: string;
  mail: Mail;
}

/**
 * Invitation and password-reset e-mails go through the notification outbox like every other
 * mail: written in the caller's transaction, queued once it has committed, delivered with retries.
 */
@Injectable()
export class AccountMailer {
  constructor(private readonly notifications: NotificationsService) {}

  write(m: EntityManager, mail: AccountMail): Promise<string[]> {
    return this.notifications.enqueueInTransaction(m, [
      {
        dedupeKey: mail.dedupeKey,
        channel: 'email',
        recipientType: mail.recipientType,
        recipientId: mail.recipientId,
        target: mail.to,
        payload: { subject: mail.mail.subject, text: mail.mail.text },
      },
    ]);
  }

  /** After commit; never throws (the outbox's sweep queues what could not be queued now). */
  async send(ids: string[]): Promise<void> {
    await this.notifications.dispatch(ids);
  }
}
