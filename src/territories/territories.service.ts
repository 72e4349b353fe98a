import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateTerritoryDto, TerritoryDto } from './dto/territory.dto';
import type { Territory } from './entities/territory.entity';
import { TerritoriesRepository } from './territories.repository';

function toDto({ id, name, countryCode, timezone, currency }: Territory): TerritoryDto {
  return { id, name, countryCode, timezone, currency };
}

@Injectable()
export class TerritoriesService {
  constructor(private readonly territories: TerritoriesRepository) {}

  async create(dto: CreateTerritoryDto): Promise<TerritoryDto> {
    return toDto(await this.territories.create(dto));
  }

  async get(id: string): Promise<TerritoryDto> {
    const territory = await this.territories.findById(id);
    if (!territory) throw new NotFoundException('territory not found');
    return toDto(territory);
  }

  async list(limit: number, offset: number): Promise<Page<TerritoryDto>> {
    const page = await this.territories.page(limit, offset);
    return { items: page.items.map(toDto), total: page.total };
  }
}
