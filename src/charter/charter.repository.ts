import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '../common/pagination/pagination.dto';
import type { CharterRules } from './domain/charter-rules.types';
import { CharterVersion } from './entities/charter-version.entity';

/** One version of the history, as `page` reads it. */
export interface CharterHistoryRow {
  partnershipId: string;
  version: number;
  rules: CharterRules;
  createdAt: Date;
  authorId: string | null;
  authorEmail: string | null;
  previousRules: CharterRules | null;
}

/** What the monthly cycle needs of the charter it checks against. */
export interface CurrentCharter {
  id: string;
  version: number;
  rules: CharterRules;
}

@Injectable()
export class CharterRepository {
  constructor(@InjectRepository(CharterVersion) private readonly versions: Repository<CharterVersion>) {}

  /**
   * Locks the partnership row until the transaction ends, so that charter changes of one
   * partnership take their version numbers one after another. False when there is none.
   */
  async lockPartnership(manager: EntityManager, partnershipId: string): Promise<boolean> {
    const rows = await manager.query('SELECT id FROM partnerships WHERE id = $1 FOR UPDATE', [partnershipId]);
    return rows.length > 0;
  }

  async partnershipExists(partnershipId: string): Promise<boolean> {
    const rows = await this.versions.query('SELECT 1 FROM partnerships WHERE id = $1', [partnershipId]);
    return rows.length > 0;
  }

  /** The ids among `ids` that name no product. */
  async missingProducts(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT t.id FROM unnest($1::uuid[]) AS t(id)
       WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = t.id)`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Inserts the next version; call with the partnership locked (see lockPartnership). */
  async insertNext(
    manager: EntityManager,
    partnershipId: string,
    rules: CharterRules,
    createdBy: string | null,
  ): Promise<CharterVersion> {
    const [row] = await manager.query(
      `INSERT INTO charter_versions (partnership_id, version, rules, created_by)
       SELECT $1, COALESCE(MAX(version), 0) + 1, $2::jsonb, $3 FROM charter_versions WHERE partnership_id = $1
       RETURNING id`,
      [partnershipId, JSON.stringify(rules), createdBy],
    );
    return manager.getRepository(CharterVersion).findOneByOrFail({ id: row.id });
  }

  /** The given version, or the latest when `version` is left out. */
  find(partnershipId: string, version?: number): Promise<CharterVersion | null> {
    return version === undefined
      ? this.versions.findOne({ where: { partnershipId }, order: { version: 'DESC' } })
      : this.versions.findOneBy({ partnershipId, version });
  }

  /** The charter in force: the latest version, null when the partnership has none. */
  async currentVersion(partnershipId: string, manager?: EntityManager): Promise<CurrentCharter | null> {
    const found = await (manager ?? this.versions.manager).getRepository(CharterVersion).findOne({
      where: { partnershipId },
      order: { version: 'DESC' },
    });
    return found ? { id: found.id, version: found.version, rules: found.rules } : null;
  }

  /**
   * A page of versions, oldest first, each with its author's email and the rules of the
   * version before it (LAG over the whole history, so the first row of a page has one too).
   */
  async page(partnershipId: string, limit: number, offset: number): Promise<Page<CharterHistoryRow>> {
    const [items, [{ total }]] = await Promise.all([
      this.versions.query(
        `SELECT h.partnership_id AS "partnershipId", h.version, h.rules, h.created_at AS "createdAt",
                h.created_by AS "authorId", u.email AS "authorEmail", h.previous_rules AS "previousRules"
           FROM (SELECT cv.*, lag(cv.rules) OVER (ORDER BY cv.version) AS previous_rules
                   FROM charter_versions cv WHERE cv.partnership_id = $1) h
           LEFT JOIN users u ON u.id = h.created_by
          ORDER BY h.version
          LIMIT $2 OFFSET $3`,
        [partnershipId, limit, offset],
      ),
      this.versions.query('SELECT count(*)::int AS total FROM charter_versions WHERE partnership_id = $1', [
        partnershipId,
      ]),
    ]);
    return { items, total };
  }
}
