import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertReach, ownedScope } from '../common/auth/ownership';
import type { Page } from '../common/pagination/pagination.dto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { webhookUrlRefusal } from '../notifications/webhook-target';
import type {
  CreateTransportOrganiserDto,
  TransportOrganiserDto,
  VehicleDto,
} from './dto/transport-organiser.dto';
import type { TransportOrganiser } from './entities/transport-organiser.entity';
import type { Vehicle } from './entities/vehicle.entity';
import { TransportOrganisersRepository } from './transport-organisers.repository';

function toVehicleDto({ id, name, mode, capacityKg, costPerKmMinor }: Vehicle): VehicleDto {
  return { id, name, mode, capacityKg, costPerKmMinor };
}

function toDto(organiser: TransportOrganiser, vehicles: Vehicle[]): TransportOrganiserDto {
  const { id, name, side, contactEmail, webhookUrl, locale } = organiser;
  return { id, name, side, contactEmail, webhookUrl, locale, vehicles: vehicles.map(toVehicleDto) };
}

@Injectable()
export class TransportOrganisersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisers: TransportOrganisersRepository,
  ) {}

  async create(dto: CreateTransportOrganiserDto): Promise<TransportOrganiserDto> {
    // Only a public unicast address passes (docs/SECURITY.md, F4); checked again at each delivery.
    const refusal = dto.webhookUrl
      ? await webhookUrlRefusal(dto.webhookUrl, this.config.allowPrivateWebhookTargets)
      : null;
    if (refusal) throw new BadRequestException(`webhookUrl: ${refusal}`);
    const id = await this.organisers.create(dto);
    return this.withVehicles((await this.organisers.findById(id))!);
  }

  async get(actor: Actor, id: string): Promise<TransportOrganiserDto> {
    const organiser = await this.organisers.findById(id);
    assertReach(actor, organiser && { transportOrganiserId: organiser.id }, 'transport organiser');
    return this.withVehicles(organiser!);
  }

  async list(actor: Actor, limit: number, offset: number): Promise<Page<TransportOrganiserDto>> {
    const scope = ownedScope(actor);
    const page = await this.organisers.page(limit, offset, scope && (scope.transportOrganiserId ?? null));
    const vehicles = await this.organisers.vehiclesOf(page.items.map((o) => o.id));
    const byOrganiser = new Map<string, Vehicle[]>();
    for (const vehicle of vehicles) {
      const list = byOrganiser.get(vehicle.transportOrganiserId) ?? [];
      list.push(vehicle);
      byOrganiser.set(vehicle.transportOrganiserId, list);
    }
    return { items: page.items.map((o) => toDto(o, byOrganiser.get(o.id) ?? [])), total: page.total };
  }

  private async withVehicles(organiser: TransportOrganiser): Promise<TransportOrganiserDto> {
    return toDto(organiser, await this.organisers.vehiclesOf([organiser.id]));
  }
}
