import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import { AuditRepository, type AuditFilter, type AuditRow, type NewAuditEntry } from './audit.repository';
import type { AuditLogEntryDto } from './dto/audit-log.dto';

function toDto(entry: AuditRow): AuditLogEntryDto {
  return { ...entry, createdAt: new Date(entry.createdAt).toISOString() };
}

/** The audit log: charter changes, waivers and manual stage runs. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /**
   * Writes one entry; pass the caller's transaction manager so the entry commits (or rolls
   * back) with the change it records.
   */
  record(manager: EntityManager | null, entry: NewAuditEntry): Promise<void> {
    return this.audit.insert(manager, entry);
  }

  async list(filter: AuditFilter, limit: number, offset: number): Promise<Page<AuditLogEntryDto>> {
    const page = await this.audit.page(filter, limit, offset);
    return { items: page.items.map(toDto), total: page.total };
  }
}
