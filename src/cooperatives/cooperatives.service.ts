import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { assertReach, ownedScope } from '../common/auth/ownership';
import type { Page } from '../common/pagination/pagination.dto';
import { CooperativesRepository } from './cooperatives.repository';
import type {
  CertificateDto,
  CooperativeDto,
  CreateCertificateDto,
  CreateCooperativeDto,
} from './dto/cooperative.dto';
import type { Certificate } from './entities/certificate.entity';
import type { Cooperative } from './entities/cooperative.entity';

function toCertificateDto({ id, kind, body, number, validFrom, validTo }: Certificate): CertificateDto {
  return { id, kind, body, number, validFrom, validTo };
}

function toDto(cooperative: Cooperative, certificates: Certificate[]): CooperativeDto {
  const { id, territoryId, name, contactEmail, localSalesShare } = cooperative;
  return {
    id,
    territoryId,
    name,
    contactEmail,
    localSalesShare,
    certificates: certificates.map(toCertificateDto),
  };
}

@Injectable()
export class CooperativesService {
  constructor(private readonly cooperatives: CooperativesRepository) {}

  async create(dto: CreateCooperativeDto): Promise<CooperativeDto> {
    const id = await this.cooperatives.create(dto);
    if (!id) throw new BadRequestException('territoryId: no such territory');
    return this.withCertificates((await this.cooperatives.findById(id))!);
  }

  async addCertificate(cooperativeId: string, dto: CreateCertificateDto): Promise<CertificateDto> {
    const certificate = await this.cooperatives.addCertificate(cooperativeId, dto);
    if (!certificate) throw new NotFoundException('cooperative not found');
    return toCertificateDto(certificate);
  }

  async get(actor: Actor, id: string): Promise<CooperativeDto> {
    const cooperative = await this.cooperatives.findById(id);
    assertReach(actor, cooperative && { cooperativeId: cooperative.id }, 'cooperative');
    return this.withCertificates(cooperative!);
  }

  async list(actor: Actor, limit: number, offset: number): Promise<Page<CooperativeDto>> {
    const scope = ownedScope(actor);
    const page = await this.cooperatives.page(limit, offset, scope && (scope.cooperativeId ?? null));
    const certificates = await this.cooperatives.certificatesOf(page.items.map((c) => c.id));
    const byCooperative = new Map<string, Certificate[]>();
    for (const c of certificates) {
      const list = byCooperative.get(c.cooperativeId) ?? [];
      list.push(c);
      byCooperative.set(c.cooperativeId, list);
    }
    return { items: page.items.map((c) => toDto(c, byCooperative.get(c.id) ?? [])), total: page.total };
  }

  private async withCertificates(cooperative: Cooperative): Promise<CooperativeDto> {
    return toDto(cooperative, await this.cooperatives.certificatesOf([cooperative.id]));
  }
}
