import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CycleStage, StageMoved } from '../cycles/stages/cycle-stage';
import { ViolationsRepository } from '../cycles/violations.repository';
import { ManifestsService } from '../manifests/manifests.service';
import { DispatchRepository } from './dispatch.repository';
import { planShipments } from './shipment-plan';

/**
 * The dispatch stage (allocated → dispatched): in the stage's transaction, plans the shipments,
 * stores them with their stops, goods, unplaced goods and transport violations, issues one
 * manifest per shipment and puts its delivery in the outbox; each coordinator's
 * cycle.dispatched message follows. The mails and webhooks leave after the commit; the cycle
 * then waits for the groups' receipts.
 */
@Injectable()
export class DispatchStage implements CycleStage {
  readonly from = 'allocated';
  readonly followedAtOnce = false;

  constructor(
    private readonly dispatch: DispatchRepository,
    private readonly violations: ViolationsRepository,
    private readonly manifests: ManifestsService,
  ) {}

  async run(m: EntityManager, cycleId: string): Promise<StageMoved | null> {
    const cycle = await this.dispatch.moveToDispatched(m, cycleId);
    if (!cycle) return null;
    const plan = planShipments(await this.dispatch.input(m, cycleId, cycle.month));
    await this.dispatch.insertShipments(m, cycleId, plan.shipments);
    await this.dispatch.insertStops(m, plan.stops);
    await this.dispatch.insertLines(m, cycleId, plan.lines);
    await this.dispatch.insertUnplaced(m, cycleId, plan.unplaced);
    await this.violations.insert(m, cycleId, plan.violations);
    const numbers = await this.dispatch.reserveManifestNumbers(m, cycle.month, plan.shipments.length);
    const notificationIds: string[] = [];
    for (const [index, shipment] of plan.shipments.entries()) {
      notificationIds.push(...(await this.manifests.issue(m, cycleId, shipment.id, numbers[index], 1, null)));
    }
    return { notificationIds, events: ['cycle.dispatched'] };
  }
}
