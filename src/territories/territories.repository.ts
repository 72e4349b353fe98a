import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateTerritoryDto } from './dto/territory.dto';
import { Territory } from './entities/territory.entity';

@Injectable()
export class TerritoriesRepository {
  constructor(@InjectRepository(Territory) private readonly territories: Repository<Territory>) {}

  create(dto: CreateTerritoryDto): Promise<Territory> {
    return this.territories.save(this.territories.create(dto));
  }

  findById(id: string): Promise<Territory | null> {
    return this.territories.findOneBy({ id });
  }

  async page(limit: number, offset: number): Promise<Page<Territory>> {
    const [items, total] = await this.territories.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
