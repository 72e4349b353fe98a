import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { visibleCycle } from '../cycles/cycle-access';
import { CyclesRepository } from '../cycles/cycles.repository';
import type { ShipmentListDto } from './dto/shipment.dto';
import { ShipmentsRepository } from './shipments.repository';

@Injectable()
export class ShipmentsService {
  constructor(
    private readonly cycles: CyclesRepository,
    private readonly shipments: ShipmentsRepository,
  ) {}

  async list(cycleId: string, actor: Actor): Promise<ShipmentListDto> {
    await visibleCycle(this.cycles, cycleId, actor, { status: 'dispatched', what: 'shipments' });
    const organiser = actor.role === 'transporter' ? actor.transportOrganiserId : null;
    const items = await this.shipments.list(cycleId, organiser);
    const unplaced = actor.role === 'admin' ? await this.shipments.unplaced(cycleId) : [];
    return { items, total: items.length, unplaced };
  }
}
