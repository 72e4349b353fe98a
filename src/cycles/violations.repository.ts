import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ViolationFacts } from '../charter/domain/violation-facts';

export interface ViolationRow {
  rule: string;
  severity: 'blocking' | 'warning';
  subjectType: string;
  subjectId: string;
  message: string;
  /** skip_vehicle: a TRANSPORT_MODE violation at dispatch (the vehicle is not used). */
  effect: 'exclude' | 'cap' | 'none' | 'skip_vehicle';
  capUnits: number | null;
  /** The values the message is built from (charter-rules.types.ts, transport-rules.ts). */
  facts: ViolationFacts;
}

/** A cycle's violations as the stages store them: the charter's at lock, the transport rules' at dispatch. */
@Injectable()
export class ViolationsRepository {
  async insert(m: EntityManager, cycleId: string, violations: ViolationRow[]): Promise<void> {
    if (violations.length === 0) return;
    await m.query(
      `INSERT INTO cycle_violations (cycle_id, rule, severity, subject_type, subject_id, message, effect, cap_units, facts)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[])
       ON CONFLICT DO NOTHING`,
      [
        cycleId,
        violations.map((v) => v.rule),
        violations.map((v) => v.severity),
        violations.map((v) => v.subjectType),
        violations.map((v) => v.subjectId),
        violations.map((v) => v.message),
        violations.map((v) => v.effect),
        violations.map((v) => v.capUnits),
        violations.map((v) => JSON.stringify(v.facts)),
      ],
    );
  }
}
