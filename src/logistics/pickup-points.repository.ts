import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreatePickupPointDto } from './dto/pickup-point.dto';
import { PickupPoint } from './entities/pickup-point.entity';

@Injectable()
export class PickupPointsRepository {
  constructor(@InjectRepository(PickupPoint) private readonly points: Repository<PickupPoint>) {}

  /** Inserts the pickup point; null when its territory does not exist. */
  async create(dto: CreatePickupPointDto): Promise<PickupPoint | null> {
    const [row] = await this.points.query(
      `INSERT INTO pickup_points (territory_id, name, address, latitude, longitude)
       SELECT id, $2, $3, $4, $5 FROM territories WHERE id = $1
       RETURNING id`,
      [dto.territoryId, dto.name, dto.address, dto.latitude, dto.longitude],
    );
    return row ? this.findById(row.id) : null;
  }

  findById(id: string): Promise<PickupPoint | null> {
    return this.points.findOneBy({ id });
  }

  async page(limit: number, offset: number): Promise<Page<PickupPoint>> {
    const [items, total] = await this.points.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
