import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import { AuditLogEntry } from './entities/audit-log-entry.entity';

export interface NewAuditEntry {
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>) {}

  /**
   * clock_timestamp(), not the default now(): several entries written in one transaction
   * still come back in the order they were written.
   */
  async insert(manager: EntityManager | null, entry: NewAuditEntry): Promise<void> {
    await (manager ?? this.entries.manager).query(
      `INSERT INTO audit_log (actor_user_id, action, subject_type, subject_id, details, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, clock_timestamp())`,
      [entry.actorUserId, entry.action, entry.subjectType, entry.subjectId, JSON.stringify(entry.details)],
    );
  }

  async page(filter: AuditFilter, limit: number, offset: number): Promise<Page<AuditLogEntry>> {
    const where: FindOptionsWhere<AuditLogEntry> = {};
    if (filter.subjectType) where.subjectType = filter.subjectType;
    if (filter.subjectId) where.subjectId = filter.subjectId;
    const [items, total] = await this.entries.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
