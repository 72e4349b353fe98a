import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OnJob } from '../../queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { RECEIPT_DUE_DAYS } from '../../seasons/domain/calendar';
import type { PersonNotificationKind } from '../domain/person-notification-kinds';
import { NotificationsService } from '../notifications.service';
import {
  eventWrittenLine,
  isCycleEventKind,
  peopleEventFailure,
  peopleEventJobId,
  type CycleEventKind,
} from './people-events';
import { PersonMessageRenderer } from './person-message-renderer';
import { PeopleNotificationsRepository } from './people-notifications.repository';

/**
 * Notifications to people (docs/NOTIFICATIONS.md): a stage records its events in its
 * transaction (`recordEvents`), and once it has committed a job writes each event's messages in
 * a transaction of its own (`writeEvent`) and queues them; the clock writes the time-based ones
 * (`tick`) and catches up the events whose job was lost (`sweepEvents`); the notifications queue
 * sends them, their text written in the recipient's language at sending (PersonMessageRenderer).
 */
@Injectable()
export class PeopleNotificationsService {
  private readonly logger = new Logger(PeopleNotificationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleNotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly renderer: PersonMessageRenderer,
    private readonly queue: QueueService,
  ) {}

  /** Records a stage's events in the stage's transaction; their messages are written after it. */
  recordEvents(m: EntityManager, cycleId: string, kinds: readonly CycleEventKind[]): Promise<void> {
    return this.people.recordEvents(m, cycleId, kinds);
  }

  /** Queues the writing of events once the stage has committed; never throws (sweepEvents catches up). */
  async queueEvents(cycleId: string, kinds: readonly CycleEventKind[]): Promise<void> {
    for (const kind of kinds) {
      try {
        await this.queue.enqueueOnce(
          JobName.WritePeopleEvent,
          { cycleId, kind },
          peopleEventJobId(cycleId, kind),
        );
      } catch (error) {
        this.logger.warn(
          `could not queue ${kind} of cycle ${cycleId}, the clock will: ${(error as Error).message}`,
        );
      }
    }
  }

  /**
   * Writes a recorded event's messages, one set-based insert, in the transaction that takes the
   * event, and queues them once committed. An event already written (the job ran before, or runs
   * on another worker now) writes nothing. Returns how many messages were written. A failure is
   * counted on the event with its cause (GET /health shows it) and thrown for the job to retry.
   */
  @OnJob(JobName.WritePeopleEvent)
  async writeEvent({ cycleId, kind }: JobPayloads[JobName.WritePeopleEvent]): Promise<number> {
    const started = performance.now();
    let ids: string[] | null;
    try {
      if (!isCycleEventKind(kind)) throw new Error(`unknown cycle event ${kind}`);
      ids = await this.dataSource.transaction(async (m) =>
        (await this.people.takeEvent(m, cycleId, kind)) ? this.people.fanOut(m, kind, cycleId) : null,
      );
      if (ids !== null)
        this.logger.log(
          eventWrittenLine({
            cycleId,
            kind,
            messages: ids.length,
            ms: Math.round(performance.now() - started),
          }),
        );
    } catch (error) {
      await this.people
        .recordEventFailure(this.dataSource.manager, cycleId, kind, peopleEventFailure(error, new Date()))
        .catch((recording: Error) => this.logger.warn(`could not record the failure: ${recording.message}`));
      throw error;
    }
    if (ids === null) return 0;
    await this.dispatch(ids);
    return ids.length;
  }

  /**
   * Writes the events recorded more than `olderThanSeconds` ago: their job was lost, or is late.
   * Where the job runs too, whichever takes the event first writes it. One event that fails is
   * logged and left for the next sweep; the others are still written.
   */
  async sweepEvents(olderThanSeconds: number): Promise<number> {
    let written = 0;
    for (const event of await this.people.staleEvents(this.dataSource.manager, olderThanSeconds)) {
      try {
        written += await this.writeEvent(event);
      } catch (error) {
        this.logger.warn(
          `the ${event.kind} messages of cycle ${event.cycleId} could not be written: ${(error as Error).message}`,
        );
      }
    }
    return written;
  }

  /** Queues delivery after commit; never throws (the outbox sweep catches up). */
  async dispatch(ids: string[]): Promise<void> {
    await this.notifications.dispatch(ids);
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
