/**
 * All the charter's lock-time rules at once. The result is sorted by rule, then subject type,
 * then subject id (UTF-16 code-unit order), so the same input always gives the same list.
 */
import type { CharterCheckInput, CharterRule, Violation } from './charter-rules.types';
import { checkCommitmentStability } from './commitment-stability.rule';
import { checkExcludedProduct } from './excluded-product.rule';
import { checkExportShare } from './export-share.rule';
import { checkFairPrice } from './fair-price.rule';
import { checkLocalSalesShare } from './local-sales-share.rule';
import { checkOrganicCertificate } from './organic-certificate.rule';

export const CHARTER_RULES: readonly CharterRule[] = [
  checkOrganicCertificate,
  checkExcludedProduct,
  checkLocalSalesShare,
  checkFairPrice,
  checkExportShare,
  checkCommitmentStability,
];

export function checkCharter(input: CharterCheckInput): Violation[] {
  return CHARTER_RULES.flatMap((rule) => rule(input)).sort(compareViolations);
}

export function compareViolations(x: Violation, y: Violation): number {
  return (
    compare(x.rule, y.rule) || compare(x.subjectType, y.subjectType) || compare(x.subjectId, y.subjectId)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
