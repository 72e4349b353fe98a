import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreatePickupPointDto, PickupPointDto } from './dto/pickup-point.dto';
import type { PickupPoint } from './entities/pickup-point.entity';
import { PickupPointsRepository } from './pickup-points.repository';

function toDto({ id, territoryId, name, address, latitude, longitude }: PickupPoint): PickupPointDto {
  return { id, territoryId, name, address, latitude, longitude };
}

@Injectable()
export class PickupPointsService {
  constructor(private readonly points: PickupPointsRepository) {}

  async create(dto: CreatePickupPointDto): Promise<PickupPointDto> {
    const point = await this.points.create(dto);
    if (!point) throw new BadRequestException('territoryId: no such territory');
    return toDto(point);
  }

  async get(id: string): Promise<PickupPointDto> {
    const point = await this.points.findById(id);
    if (!point) throw new NotFoundException('pickup point not found');
    return toDto(point);
  }

  async list(limit: number, offset: number): Promise<Page<PickupPointDto>> {
    const page = await this.points.page(limit, offset);
    return { items: page.items.map(toDto), total: page.total };
  }
}
