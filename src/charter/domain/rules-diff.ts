import type { CharterRules } from './charter-rules.types';
import { RULE_KEYS } from './rules-document';

export type RuleKey = keyof CharterRules;

/** A rule's value in one spelling: lists are sets, so their order does not count as a change. */
function canonical(key: RuleKey, value: CharterRules[RuleKey]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (key === 'priceFloors') {
    const floors = (value as NonNullable<CharterRules['priceFloors']>).map(
      (f) => `${f.productId.toLowerCase()}=${f.minUnitPriceMinor}`,
    );
    return JSON.stringify(floors.sort());
  }
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => String(v).toLowerCase()).sort());
  return JSON.stringify(value);
}

/**
 * The rules that differ between two versions of a charter (added, removed or changed), in the
 * charter's own order. The first version, which has no previous one, changes every rule it sets.
 */
export function changedRules(previous: CharterRules | null, next: CharterRules): RuleKey[] {
  return RULE_KEYS.filter((key) => canonical(key, previous?.[key]) !== canonical(key, next[key]));
}
