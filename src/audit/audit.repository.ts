import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
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
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  createdAt: Date;
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

  async page(filter: AuditFilter, limit: number, offset: number): Promise<Page<AuditRow>> {
    const where = `($1::varchar IS NULL OR a.subject_type = $1) AND ($2::uuid IS NULL OR a.subject_id = $2)
       AND ($3::varchar IS NULL OR a.action = $3)
       AND ($4::timestamptz IS NULL OR a.created_at >= $4) AND ($5::timestamptz IS NULL OR a.created_at < $5)`;
    const params = [
      filter.subjectType ?? null,
      filter.subjectId ?? null,
      filter.action ?? null,
      filter.from ?? null,
      filter.to ?? null,
    ];
    const [items, [{ total }]] = await Promise.all([
      this.entries.query(
        `SELECT a.id, a.actor_user_id AS "actorUserId", u.email AS "actorEmail", a.action,
                a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.details, a.created_at AS "createdAt"
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
          WHERE ${where}
          ORDER BY a.created_at DESC, a.id DESC
          LIMIT $6 OFFSET $7`,
        [...params, limit, offset],
      ),
      this.entries.query(`SELECT count(*)::int AS total FROM audit_log a WHERE ${where}`, params),
    ]);
    return { items, total };
  }
}
