import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type { CreateCertificateDto, CreateCooperativeDto } from './dto/cooperative.dto';
import { Certificate } from './entities/certificate.entity';
import { Cooperative } from './entities/cooperative.entity';

/** Inserts a cooperative's certificates with one statement, whatever their number. */
async function insertCertificates(
  m: EntityManager,
  cooperativeId: string,
  certificates: CreateCertificateDto[],
) {
  if (certificates.length === 0) return;
  await m.query(
    `INSERT INTO certificates (cooperative_id, kind, body, number, valid_from, valid_to)
     SELECT $1, c.kind, c.body, c.number, c.valid_from, c.valid_to
     FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::date[], $6::date[])
       AS c(kind, body, number, valid_from, valid_to)`,
    [
      cooperativeId,
      certificates.map((c) => c.kind),
      certificates.map((c) => c.body),
      certificates.map((c) => c.number),
      certificates.map((c) => c.validFrom),
      certificates.map((c) => c.validTo),
    ],
  );
}

@Injectable()
export class CooperativesRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Cooperative) private readonly cooperatives: Repository<Cooperative>,
    @InjectRepository(Certificate) private readonly certificates: Repository<Certificate>,
  ) {}

  /** Inserts the cooperative and its certificates in one transaction; null when the territory does not exist. */
  create(dto: CreateCooperativeDto): Promise<string | null> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO cooperatives (territory_id, name, contact_email, local_sales_share)
         SELECT id, $2, $3, $4 FROM territories WHERE id = $1
         RETURNING id`,
        [dto.territoryId, dto.name, dto.contactEmail, dto.localSalesShare],
      );
      if (!row) return null;
      await insertCertificates(m, row.id, dto.certificates ?? []);
      return row.id as string;
    });
  }

  /** Adds one certificate; null when the cooperative does not exist. */
  async addCertificate(cooperativeId: string, dto: CreateCertificateDto): Promise<Certificate | null> {
    const [row] = await this.dataSource.query(
      `INSERT INTO certificates (cooperative_id, kind, body, number, valid_from, valid_to)
       SELECT id, $2, $3, $4, $5, $6 FROM cooperatives WHERE id = $1
       RETURNING id`,
      [cooperativeId, dto.kind, dto.body, dto.number, dto.validFrom, dto.validTo],
    );
    return row ? this.certificates.findOneBy({ id: row.id }) : null;
  }

  findById(id: string): Promise<Cooperative | null> {
    return this.cooperatives.findOneBy({ id });
  }

  /**
   * A page of cooperatives; `onlyId` narrows it to one cooperative (a cooperative user's own),
   * `null` to none, `undefined` leaves it whole.
   */
  async page(limit: number, offset: number, onlyId?: string | null): Promise<Page<Cooperative>> {
    const query = this.cooperatives
      .createQueryBuilder('c')
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (onlyId !== undefined) query.where('c.id = :onlyId', { onlyId });
    const [items, total] = await query.take(limit).skip(offset).getManyAndCount();
    return { items, total };
  }

  /** The certificates of several cooperatives, in one query. */
  certificatesOf(cooperativeIds: string[]): Promise<Certificate[]> {
    if (cooperativeIds.length === 0) return Promise.resolve([]);
    return this.certificates.find({
      where: { cooperativeId: In(cooperativeIds) },
      order: { validFrom: 'ASC', id: 'ASC' },
    });
  }
}
