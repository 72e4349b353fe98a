import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateTransportOrganiserDto } from './dto/transport-organiser.dto';
import { TransportOrganiser } from './entities/transport-organiser.entity';
import { Vehicle } from './entities/vehicle.entity';

@Injectable()
export class TransportOrganisersRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(TransportOrganiser) private readonly organisers: Repository<TransportOrganiser>,
    @InjectRepository(Vehicle) private readonly vehicles: Repository<Vehicle>,
  ) {}

  /** Inserts the organiser and its vehicles (one statement for all of them) in one transaction. */
  create(dto: CreateTransportOrganiserDto): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO transport_organisers (name, side, contact_email, webhook_url, locale)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING id`,
        [dto.name, dto.side, dto.contactEmail, dto.webhookUrl ?? null, dto.locale ?? 'en'],
      );
      await m.query(
        `INSERT INTO vehicles (transport_organiser_id, name, mode, capacity_kg, cost_per_km_minor)
         SELECT $1, v.name, v.mode, v.capacity_kg, v.cost_per_km_minor
         FROM unnest($2::varchar[], $3::varchar[], $4::numeric[], $5::bigint[])
           AS v(name, mode, capacity_kg, cost_per_km_minor)`,
        [
          row.id,
          dto.vehicles.map((v) => v.name),
          dto.vehicles.map((v) => v.mode),
          dto.vehicles.map((v) => v.capacityKg),
          dto.vehicles.map((v) => v.costPerKmMinor ?? null),
        ],
      );
      return row.id as string;
    });
  }

  findById(id: string): Promise<TransportOrganiser | null> {
    return this.organisers.findOneBy({ id });
  }

  /**
   * A page of organisers; `onlyId` narrows it to one organiser (a transporter's own), `null`
   * to none, `undefined` leaves it whole.
   */
  async page(limit: number, offset: number, onlyId?: string | null): Promise<Page<TransportOrganiser>> {
    const query = this.organisers
      .createQueryBuilder('o')
      .orderBy('o.createdAt', 'ASC')
      .addOrderBy('o.id', 'ASC');
    if (onlyId !== undefined) query.where('o.id = :onlyId', { onlyId });
    const [items, total] = await query.take(limit).skip(offset).getManyAndCount();
    return { items, total };
  }

  /** The vehicles of several organisers, in one query, by name (vehicles keep no insertion order). */
  vehiclesOf(organiserIds: string[]): Promise<Vehicle[]> {
    if (organiserIds.length === 0) return Promise.resolve([]);
    return this.vehicles.find({
      where: { transportOrganiserId: In(organiserIds) },
      order: { name: 'ASC', id: 'ASC' },
    });
  }
}
