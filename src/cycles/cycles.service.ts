import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { assertReach } from '../common/auth/ownership';
import type { Page } from '../common/pagination/pagination.dto';
import { JobName, stageJobId } from '../queue/jobs';
import { QueueService } from '../queue/queue.service';
import { ConfirmationsRepository } from './confirmations.repository';
import { CycleAccess } from './cycle-access';
import { hasReached } from '../seasons/domain/cycle-status';
import { CycleViewsRepository, type AllocationLine, type DemandLine } from './cycle-views.repository';
import { CyclesRepository } from './cycles.repository';
import type {
  AdvanceResultDto,
  AllocationsQuery,
  ConfirmationDto,
  ConfirmationResultDto,
  ConfirmationStateDto,
  CycleDto,
  LoadingListDto,
  ViolationDto,
} from './dto/cycle.dto';
import { StageRunner } from './stages/stage-runner';

@Injectable()
export class CyclesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cycles: CyclesRepository,
    private readonly access: CycleAccess,
    private readonly views: CycleViewsRepository,
    private readonly confirmations: ConfirmationsRepository,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly stages: StageRunner,
  ) {}

  async get(cycleId: string, actor: Actor): Promise<CycleDto> {
    const cycle = await this.access.visible(cycleId, actor);
    return { ...cycle, violations: await this.cycles.violations(cycleId, actor) };
  }

  /** Queues the next stage now, whatever its due time; the stage itself stays idempotent. */
  async advance(cycleId: string, actor: Actor): Promise<AdvanceResultDto> {
    const cycle = await this.access.visible(cycleId, actor);
    if (!this.stages.runsFrom(cycle.status)) {
      throw new UnprocessableEntityException(`no stage can be run from status ${cycle.status}`);
    }
    const jobId = `${stageJobId(cycleId, cycle.status)}-manual-${randomUUID()}`;
    try {
      await this.queue.enqueue(
        JobName.RunStage,
        { cycleId, fromStatus: cycle.status, requestedBy: actor.userId },
        jobId,
      );
    } catch {
      throw new ServiceUnavailableException('The job queue is unavailable; try again shortly');
    }
    await this.audit.record(null, {
      actorUserId: actor.userId,
      action: 'cycle.stage_run',
      subjectType: 'cycle',
      subjectId: cycleId,
      details: { fromStatus: cycle.status, jobId },
    });
    return { cycleId, fromStatus: cycle.status, jobId };
  }

  async waive(cycleId: string, violationId: string, reason: string, actor: Actor): Promise<ViolationDto> {
    const cycle = await this.access.visible(cycleId, actor);
    if (hasReached(cycle.status, 'allocated')) {
      throw new UnprocessableEntityException(
        `the cycle is ${cycle.status}: a waiver no longer changes its allocation`,
      );
    }
    await this.dataSource.transaction(async (m) => {
      const found = await this.cycles.waive(m, cycleId, violationId, actor.userId, reason);
      if (!found) throw new NotFoundException('violation not found');
      if (found.waived) throw new ConflictException('this violation is already waived');
      await this.audit.record(m, {
        actorUserId: actor.userId,
        action: 'violation.waived',
        subjectType: 'cycle',
        subjectId: cycleId,
        details: { violationId, reason },
      });
    });
    const violations = await this.cycles.violations(cycleId, actor);
    return violations.find((v) => v.id === violationId) as ViolationDto;
  }

  async demand(cycleId: string, actor: Actor, cooperativeId?: string): Promise<DemandLine[]> {
    const cycle = await this.access.visible(cycleId, actor, { status: 'locked', what: 'demands' });
    const target =
      actor.role === 'cooperative' ? (cooperativeId ?? actor.cooperativeId) : (cooperativeId ?? null);
    if (target) assertReach(actor, { cooperativeId: target }, 'cooperative');
    return this.views.demand(cycleId, target, hasReached(cycle.status, 'allocated'));
  }

  async confirmation(cycleId: string, cooperativeId: string, actor: Actor): Promise<ConfirmationStateDto> {
    assertReach(actor, { cooperativeId }, 'cooperative');
    const cycle = await this.access.visible(cycleId, actor, { status: 'locked', what: 'confirmations' });
    const state = await this.confirmations.current(cycleId, cooperativeId, this.dataSource.manager);
    if (!state) throw new NotFoundException('this cooperative was not asked to confirm in this cycle');
    return {
      cycleId,
      cooperativeId,
      cycleStatus: cycle.status,
      confirmBy: new Date(cycle.confirmBy).toISOString(),
      version: state.version,
      confirmedAt: state.confirmedAt ? new Date(state.confirmedAt).toISOString() : null,
      confirmedBy: state.confirmedBy,
      lines: state.lines,
    };
  }

  async confirm(
    cycleId: string,
    cooperativeId: string,
    dto: ConfirmationDto,
    actor: Actor,
  ): Promise<ConfirmationResultDto> {
    assertReach(actor, { cooperativeId }, 'cooperative');
    await this.access.visible(cycleId, actor);
    const offerIds = dto.lines.map((line) => line.offerId);
    if (new Set(offerIds).size !== offerIds.length)
      throw new BadRequestException('lines: an offer appears twice');
    const version = await this.dataSource.transaction(async (m) => {
      const status = await this.confirmations.statusForShare(m, cycleId);
      if (status !== 'confirming') {
        throw new UnprocessableEntityException(
          `confirmations are taken while the cycle is confirming; it is ${status}`,
        );
      }
      const state = await this.confirmations.lockState(m, cycleId, cooperativeId);
      if (!state)
        throw new UnprocessableEntityException('this cooperative has no demand to confirm in this cycle');
      const demand = await this.confirmations.demandByOffer(m, cycleId, cooperativeId);
      dto.lines.forEach((line, index) => {
        const wanted = demand.get(line.offerId);
        if (wanted === undefined) {
          throw new BadRequestException(
            `lines.${index}.offerId: not an offer of this cooperative in this cycle`,
          );
        }
        if (line.quantity > wanted) {
          throw new BadRequestException(
            `lines.${index}.quantity: ${line.quantity} exceeds the demand of ${wanted}`,
          );
        }
      });
      const next = await this.confirmations.confirm(
        m,
        cycleId,
        cooperativeId,
        dto.version ?? state.version,
        actor.userId,
        dto.lines,
      );
      if (next === null) {
        throw new ConflictException(
          `version ${dto.version} is stale: the confirmation was changed meanwhile (now ${state.version})`,
        );
      }
      return next;
    });
    if (await this.cycles.allConfirmed(cycleId)) {
      await this.queue
        .enqueueOnce(
          JobName.RunStage,
          { cycleId, fromStatus: 'confirming' },
          stageJobId(cycleId, 'confirming'),
        )
        .catch(() => undefined); // the clock queues it anyway: confirmation is recorded
    }
    return { cycleId, cooperativeId, version, lines: dto.lines };
  }

  async allocations(cycleId: string, actor: Actor, query: AllocationsQuery): Promise<Page<AllocationLine>> {
    await this.access.visible(cycleId, actor, { status: 'allocated', what: 'allocations' });
    let { consumerGroupId = null, memberId = null } = query;
    if (actor.role === 'coordinator') {
      consumerGroupId ??= actor.consumerGroupId;
      assertReach(actor, { consumerGroupId }, 'consumer group');
      // A member of another group is another organisation's record, even as a filter: 404.
      if (memberId)
        assertReach(actor, { consumerGroupId: await this.views.memberGroupId(memberId) }, 'member');
    } else if (actor.role === 'member') {
      if (consumerGroupId && consumerGroupId !== actor.consumerGroupId)
        throw new NotFoundException('consumer group not found');
      memberId ??= actor.memberId;
      assertReach(actor, { memberId }, 'member');
    }
    return this.views.allocations(cycleId, { consumerGroupId, memberId }, query.limit, query.offset);
  }

  async loadingList(cycleId: string, actor: Actor): Promise<LoadingListDto> {
    await this.access.visible(cycleId, actor, { status: 'allocated', what: 'loading lists' });
    return this.views.loadingList(cycleId, actor.role === 'cooperative' ? actor.cooperativeId : null);
  }
}
