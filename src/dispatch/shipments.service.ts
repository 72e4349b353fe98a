import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { CycleAccess } from '../cycles/cycle-access';
import type { ShipmentListDto } from './dto/shipment.dto';
import { ShipmentsRepository } from './shipments.repository';

@Injectable()
export class ShipmentsService {
  constructor(
    private readonly access: CycleAccess,
    private readonly shipments: ShipmentsRepository,
  ) {}

  async list(cycleId: string, actor: Actor): Promise<ShipmentListDto> {
    await this.access.visible(cycleId, actor, { status: 'dispatched', what: 'shipments' });
    const organiser = actor.role === 'transporter' ? actor.transportOrganiserId : null;
    const items = await this.shipments.list(cycleId, organiser);
    const unplaced = actor.role === 'admin' ? await this.shipments.unplaced(cycleId) : [];
    return { items, total: items.length, unplaced };
  }
}
