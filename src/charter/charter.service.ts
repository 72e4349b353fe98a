import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { CharterRepository, type CharterHistoryRow } from './charter.repository';
import type { CharterRules } from './domain/charter-rules.types';
import { changedRules } from './domain/rules-diff';
import { normalizeRules, referencedProductIds, rulesProblems } from './domain/rules-document';
import type { CharterHistoryEntryDto, CharterVersionDto, CharterVersionPageDto } from './dto/charter.dto';
import type { CharterVersion } from './entities/charter-version.entity';

function toDto({ partnershipId, version, rules, createdAt }: CharterVersion): CharterVersionDto {
  return { partnershipId, version, rules, createdAt: createdAt.toISOString() };
}

function toHistoryEntry(row: CharterHistoryRow): CharterHistoryEntryDto {
  const { partnershipId, version, rules, createdAt, authorId, authorEmail, previousRules } = row;
  return {
    partnershipId,
    version,
    rules,
    createdAt: new Date(createdAt).toISOString(),
    author: authorId && authorEmail ? { userId: authorId, email: authorEmail } : null,
    changedRules: changedRules(previousRules, rules),
  };
}

export const CHARTER_CHANGED = 'charter.changed';

@Injectable()
export class CharterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly charter: CharterRepository,
    private readonly audit: AuditService,
  ) {}

  change(partnershipId: string, rules: CharterRules, actor: Actor): Promise<CharterVersionDto> {
    return this.dataSource.transaction((manager) => this.addVersion(manager, partnershipId, rules, actor));
  }

  /**
   * Adds the next charter version inside the caller's transaction and records it in the audit
   * log. `fieldPrefix` is where the rules sit in the caller's request body, for messages.
   */
  async addVersion(
    manager: EntityManager,
    partnershipId: string,
    input: CharterRules,
    actor: Actor,
    fieldPrefix = 'rules',
  ): Promise<CharterVersionDto> {
    if (!(await this.charter.lockPartnership(manager, partnershipId))) {
      throw new NotFoundException('partnership not found');
    }
    const rules = normalizeRules(input);
    const missing = await this.charter.missingProducts(manager, referencedProductIds(rules));
    const problems = rulesProblems(rules, missing, fieldPrefix);
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
    const created = await this.charter.insertNext(manager, partnershipId, rules, actor.userId);
    await this.audit.record(manager, {
      actorUserId: actor.userId,
      action: CHARTER_CHANGED,
      subjectType: 'partnership',
      subjectId: partnershipId,
      details: { version: created.version, charterVersionId: created.id },
    });
    return toDto(created);
  }

  async get(partnershipId: string, version?: number): Promise<CharterVersionDto> {
    await this.assertPartnership(partnershipId);
    const found = await this.charter.find(partnershipId, version);
    if (!found) {
      throw new NotFoundException(
        version === undefined ? 'charter not found' : `charter version ${version} not found`,
      );
    }
    return toDto(found);
  }

  async versions(partnershipId: string, limit: number, offset: number): Promise<CharterVersionPageDto> {
    await this.assertPartnership(partnershipId);
    const page = await this.charter.page(partnershipId, limit, offset);
    return { items: page.items.map(toHistoryEntry), total: page.total };
  }

  private async assertPartnership(partnershipId: string): Promise<void> {
    if (!(await this.charter.partnershipExists(partnershipId)))
      throw new NotFoundException('partnership not found');
  }
}
