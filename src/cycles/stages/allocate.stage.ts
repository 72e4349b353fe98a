import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PeopleNotificationsService } from '../../notifications/people/people-notifications.service';
import { StagesRepository } from '../stages.repository';
import type { CycleStage, StageMoved } from './cycle-stage';

/** The allocate stage's two parts, as its log line gives them (read back by npm run bench). */
export interface AllocateTimings {
  allocationMs: number;
  messages: number;
  messagesMs: number;
}

export function allocateTimingsLine(cycleId: string, t: AllocateTimings): string {
  return `cycle ${cycleId}: allocated in ${t.allocationMs} ms, ${t.messages} member message(s) written in ${t.messagesMs} ms`;
}

/** The timings of a line written by allocateTimingsLine; null for any other line. */
export function readAllocateTimings(line: string): AllocateTimings | null {
  const parts = /: allocated in (\d+) ms, (\d+) member message\(s\) written in (\d+) ms$/.exec(line);
  return parts && { allocationMs: +parts[1], messages: +parts[2], messagesMs: +parts[3] };
}

/**
 * confirming → allocated: supply, shares by largest remainder, loading list, each member told
 * what it gets and why (cycle.allocated). Dispatch is queued
 * at once: the manifests reach the organisers as soon as the goods are known.
 */
@Injectable()
export class AllocateStage implements CycleStage {
  readonly from = 'confirming';
  readonly followedAtOnce = true;
  private readonly logger = new Logger(AllocateStage.name);

  constructor(
    private readonly stages: StagesRepository,
    private readonly people: PeopleNotificationsService,
  ) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    const started = performance.now();
    if (!(await this.stages.allocate(m, cycleId))) return null;
    const allocated = performance.now();
    const notificationIds = await this.people.inTransaction(m, 'cycle.allocated', cycleId);
    // The two parts of the stage's time, for operators and for npm run bench.
    this.logger.log(
      allocateTimingsLine(cycleId, {
        allocationMs: Math.round(allocated - started),
        messages: notificationIds.length,
        messagesMs: Math.round(performance.now() - allocated),
      }),
    );
    return { notificationIds };
  }
}
