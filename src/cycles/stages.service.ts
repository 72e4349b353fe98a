import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkCharter } from '../charter/domain/check-charter';
import { DispatchService } from '../dispatch/dispatch.service';
import { SettlementService } from '../settlement/settlement.service';
import { NotificationsService } from '../notifications/notifications.service';
import { QueueService } from '../queue/queue.service';
import { JobName, stageJobId } from '../queue/jobs';
import type { CycleStatus } from './domain/cycle-status';
import { ConfirmationRequests } from './confirmation-requests';
import { StagesRepository } from './stages.repository';

export type StageOutcome = 'moved' | 'nothing-to-do';

/**
 * Runs the stage that moves a cycle on from a status. Each stage is one transaction that
 * starts by moving the status it expects; when the cycle has already moved (the job ran
 * before, or runs on another worker now) the stage finds nothing to do.
 */
@Injectable()
export class StagesService {
  private readonly logger = new Logger(StagesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly stages: StagesRepository,
    private readonly requests: ConfirmationRequests,
    private readonly notifications: NotificationsService,
    private readonly queue: QueueService,
    private readonly dispatch: DispatchService,
    private readonly settlement: SettlementService,
  ) {}

  /**
   * The statuses a queued stage moves on from. `dispatched` waits for the groups' receipts
   * (PUT /cycles/:id/receipts/…: the last one moves the cycle to `received`), and `settled`
   * is the end.
   */
  static runsFrom(status: CycleStatus): boolean {
    return ['open', 'locked', 'confirming', 'allocated', 'received'].includes(status);
  }

  async run(cycleId: string, fromStatus: CycleStatus): Promise<StageOutcome> {
    switch (fromStatus) {
      case 'open':
        return this.lock(cycleId);
      case 'locked':
        return this.requestConfirmations(cycleId);
      case 'confirming':
        return this.allocate(cycleId);
      case 'allocated':
        return this.dispatch.run(cycleId);
      case 'received':
        return this.settlement.settle(cycleId);
      default:
        this.logger.warn(`no queued stage runs from ${fromStatus} (cycle ${cycleId})`);
        return 'nothing-to-do';
    }
  }

  /** open → locked: commitments frozen, charter checked; the next stage is queued at once. */
  private async lock(cycleId: string): Promise<StageOutcome> {
    const moved = await this.dataSource.transaction(async (m) => {
      const locked = await this.stages.lock(m, cycleId);
      if (!locked) return false;
      const violations = checkCharter(await this.stages.charterInput(m, cycleId, locked));
      await this.stages.insertViolations(
        m,
        cycleId,
        violations.map((v) => ({ ...v, capUnits: v.capUnits ?? null })),
      );
      return true;
    });
    if (!moved) return 'nothing-to-do';
    await this.queue.enqueue(
      JobName.RunStage,
      { cycleId, fromStatus: 'locked' },
      stageJobId(cycleId, 'locked'),
    );
    return 'moved';
  }

  /** locked → confirming: each cooperative is told the demand on its offers. */
  private async requestConfirmations(cycleId: string): Promise<StageOutcome> {
    const notificationIds = await this.dataSource.transaction(async (m) => {
      if (!(await this.stages.openConfirmations(m, cycleId))) return null;
      return this.notifications.enqueueInTransaction(m, await this.requests.build(m, cycleId));
    });
    if (notificationIds === null) return 'nothing-to-do';
    await this.notifications.dispatch(notificationIds);
    return 'moved';
  }

  /** confirming → allocated: supply, shares by largest remainder, loading list; dispatch is queued next. */
  private async allocate(cycleId: string): Promise<StageOutcome> {
    const moved = await this.dataSource.transaction((m) => this.stages.allocate(m, cycleId));
    if (!moved) return 'nothing-to-do';
    // Dispatch follows at once: the manifests reach the organisers as soon as the goods are known.
    await this.queue.enqueue(
      JobName.RunStage,
      { cycleId, fromStatus: 'allocated' },
      stageJobId(cycleId, 'allocated'),
    );
    return 'moved';
  }
}
