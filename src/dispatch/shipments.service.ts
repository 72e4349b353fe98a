import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { CyclesRepository } from '../cycles/cycles.repository';
import type { ShipmentListDto } from './dto/shipment.dto';
import { ShipmentsRepository } from './shipments.repository';

const DISPATCHED = ['dispatched', 'received', 'settled'];

@Injectable()
export class ShipmentsService {
  constructor(
    private readonly cycles: CyclesRepository,
    private readonly shipments: ShipmentsRepository,
  ) {}

  async list(cycleId: string, actor: Actor): Promise<ShipmentListDto> {
    const cycle = await this.cycles.findVisible(cycleId, actor);
    if (!cycle) throw new NotFoundException('cycle not found');
    if (!DISPATCHED.includes(cycle.status)) {
      throw new UnprocessableEntityException(
        `shipments exist once the cycle is dispatched; it is ${cycle.status}`,
      );
    }
    const organiser = actor.role === 'transporter' ? actor.transportOrganiserId : null;
    const items = await this.shipments.list(cycleId, organiser);
    const unplaced = actor.role === 'admin' ? await this.shipments.unplaced(cycleId) : [];
    return { items, total: items.length, unplaced };
  }
}
