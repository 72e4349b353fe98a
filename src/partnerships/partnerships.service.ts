import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CharterService } from '../charter/charter.service';
import type { Actor } from '../common/auth/actor';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreatePartnershipDto, PartnershipDto } from './dto/partnership.dto';
import { PartnershipsRepository, type PartnershipRow } from './partnerships.repository';

function toDto({ id, name, territoryAId, territoryBId, charterVersion }: PartnershipRow): PartnershipDto {
  return { id, name, territoryIds: [territoryAId, territoryBId], charterVersion };
}

@Injectable()
export class PartnershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partnerships: PartnershipsRepository,
    private readonly charter: CharterService,
  ) {}

  /** The partnership and its charter version 1 (audited) in one transaction. */
  async create(dto: CreatePartnershipDto, actor: Actor): Promise<PartnershipDto> {
    const row = await this.dataSource.transaction(async (manager) => {
      const missing = await this.partnerships.missingTerritories(manager, dto.territoryIds);
      if (missing.length > 0)
        throw new BadRequestException(`territoryIds: no such territory ${missing.join(', ')}`);
      const [a, b] = dto.territoryIds;
      const id = await this.partnerships.insert(manager, dto.name, a, b);
      await this.charter.addVersion(manager, id, dto.charter?.rules ?? {}, actor, 'charter.rules');
      return this.partnerships.findById(id, manager);
    });
    return toDto(row!);
  }

  async get(id: string): Promise<PartnershipDto> {
    const row = await this.partnerships.findById(id);
    if (!row) throw new NotFoundException('partnership not found');
    return toDto(row);
  }

  async list(limit: number, offset: number): Promise<Page<PartnershipDto>> {
    const page = await this.partnerships.page(limit, offset);
    return { items: page.items.map(toDto), total: page.total };
  }
}
