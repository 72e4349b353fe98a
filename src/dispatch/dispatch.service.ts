import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StagesRepository } from '../cycles/stages.repository';
import { ManifestsService } from '../manifests/manifests.service';
import { PeopleNotificationsService } from '../notifications/people/people-notifications.service';
import { DispatchRepository } from './dispatch.repository';
import { planShipments } from './shipment-plan';

/**
 * The dispatch stage (allocated → dispatched): one transaction that plans the shipments,
 * stores them with their stops, goods, unplaced goods and transport violations, issues one
 * manifest per shipment and puts its delivery in the outbox, with each coordinator's
 * cycle.dispatched message. The mails and webhooks leave after the commit.
 */
@Injectable()
export class DispatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatch: DispatchRepository,
    private readonly stages: StagesRepository,
    private readonly manifests: ManifestsService,
    private readonly people: PeopleNotificationsService,
  ) {}

  async run(cycleId: string): Promise<'moved' | 'nothing-to-do'> {
    const notificationIds = await this.dataSource.transaction(async (m) => {
      const cycle = await this.dispatch.moveToDispatched(m, cycleId);
      if (!cycle) return null;
      const plan = planShipments(await this.dispatch.input(m, cycleId, cycle.month));
      await this.dispatch.insertShipments(m, cycleId, plan.shipments);
      await this.dispatch.insertStops(m, plan.stops);
      await this.dispatch.insertLines(m, cycleId, plan.lines);
      await this.dispatch.insertUnplaced(m, cycleId, plan.unplaced);
      await this.stages.insertViolations(m, cycleId, plan.violations);
      const numbers = await this.dispatch.reserveManifestNumbers(m, cycle.month, plan.shipments.length);
      const ids: string[] = [];
      for (const [index, shipment] of plan.shipments.entries()) {
        ids.push(...(await this.manifests.issue(m, cycleId, shipment.id, numbers[index], 1, null)));
      }
      return [...ids, ...(await this.people.inTransaction(m, 'cycle.dispatched', cycleId))];
    });
    if (notificationIds === null) return 'nothing-to-do';
    await this.people.dispatch(notificationIds);
    return 'moved';
  }
}
