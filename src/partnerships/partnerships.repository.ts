import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import { Partnership } from './entities/partnership.entity';

/** A partnership with the number of its charter version in force. */
export interface PartnershipRow {
  id: string;
  name: string;
  territoryAId: string;
  territoryBId: string;
  charterVersion: number;
}

const SELECT_ROWS = `
  SELECT p.id, p.name, p.territory_a_id AS "territoryAId", p.territory_b_id AS "territoryBId",
         COALESCE((SELECT max(c.version) FROM charter_versions c WHERE c.partnership_id = p.id), 0)::int AS "charterVersion"
  FROM partnerships p`;

@Injectable()
export class PartnershipsRepository {
  constructor(@InjectRepository(Partnership) private readonly partnerships: Repository<Partnership>) {}

  /** The ids among `ids` that name no territory. */
  async missingTerritories(manager: EntityManager, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT t.id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)
       WHERE NOT EXISTS (SELECT 1 FROM territories x WHERE x.id = t.id) ORDER BY t.n`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  async insert(
    manager: EntityManager,
    name: string,
    territoryAId: string,
    territoryBId: string,
  ): Promise<string> {
    const [row] = await manager.query(
      'INSERT INTO partnerships (name, territory_a_id, territory_b_id) VALUES ($1, $2, $3) RETURNING id',
      [name, territoryAId, territoryBId],
    );
    return row.id;
  }

  async findById(id: string, manager?: EntityManager): Promise<PartnershipRow | null> {
    const [row] = await (manager ?? this.partnerships.manager).query(`${SELECT_ROWS} WHERE p.id = $1`, [id]);
    return row ?? null;
  }

  async page(limit: number, offset: number): Promise<Page<PartnershipRow>> {
    const [items, total] = await Promise.all([
      this.partnerships.query(`${SELECT_ROWS} ORDER BY p.created_at, p.id LIMIT $1 OFFSET $2`, [
        limit,
        offset,
      ]),
      this.partnerships.count(),
    ]);
    return { items, total };
  }
}
