import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RECEIPT_DUE_DAYS } from '../../seasons/domain/calendar';
import type { PersonNotificationKind } from '../domain/person-notification-kinds';
import { NotificationsService } from '../notifications.service';
import { PersonMessageRenderer } from './person-message-renderer';
import { PeopleNotificationsRepository } from './people-notifications.repository';

/** Kinds written by a cycle stage (the others come from the clock). */
export type CycleEventKind = 'cycle.locked' | 'cycle.allocated' | 'cycle.dispatched' | 'statement.ready';

/**
 * Notifications to people (docs/NOTIFICATIONS.md): a stage writes its event's
 * messages in its own transaction (`inTransaction`), queues them once committed (`dispatch`);
 * the clock writes the time-based ones (`tick`); the notifications queue sends them, their
 * text written in the recipient's language at sending (PersonMessageRenderer).
 */
@Injectable()
export class PeopleNotificationsService {
  private readonly logger = new Logger(PeopleNotificationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleNotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly renderer: PersonMessageRenderer,
  ) {}

  /** One set-based insert of the event's messages; returns the ids of the new ones. */
  inTransaction(m: EntityManager, kind: CycleEventKind, cycleId: string): Promise<string[]> {
    return this.people.fanOut(m, kind, cycleId);
  }

  /** Queues delivery after commit; never throws (the outbox sweep catches up). */
  async dispatch(ids: string[]): Promise<void> {
    await this.notifications.dispatch(ids);
  }

  /** Writes and queues one cycle event's messages in a transaction of their own. */
  async notify(kind: CycleEventKind, cycleId: string): Promise<number> {
    const ids = await this.dataSource.transaction((m) => this.inTransaction(m, kind, cycleId));
    await this.dispatch(ids);
    return ids.length;
  }

  /** The time-based notifications due at `now`: reminders before a lock, receipts overdue. */
  async tick(now = new Date()): Promise<{ closing: number; receiptDue: number }> {
    const [closing, receiptDue] = await this.dataSource.transaction(async (m) => [
      await this.people.closingReminders(m, now),
      await this.people.receiptsDue(m, now, RECEIPT_DUE_DAYS),
    ]);
    await this.dispatch([...closing, ...receiptDue]);
    if (closing.length + receiptDue.length > 0)
      this.logger.log(`${closing.length} lock reminder(s), ${receiptDue.length} receipt reminder(s)`);
    return { closing: closing.length, receiptDue: receiptDue.length };
  }

  /** What a token unsubscribes from; 404 for a token we did not sign. */
  describe(token: string): { kind: PersonNotificationKind } {
    const who = this.renderer.read(token);
    if (!who) throw new NotFoundException('unsubscribe link not found');
    return { kind: who.kind };
  }

  /** Mutes the token's kind for its member or user (idempotent); 404 for an unknown one. */
  async unsubscribe(token: string): Promise<{ kind: PersonNotificationKind; unsubscribed: true }> {
    const who = this.renderer.read(token);
    if (!who) throw new NotFoundException('unsubscribe link not found');
    const found = await this.people.mute(this.dataSource.manager, who, who.kind);
    if (!found) throw new NotFoundException('unsubscribe link not found');
    return { kind: who.kind, unsubscribed: true };
  }
}
