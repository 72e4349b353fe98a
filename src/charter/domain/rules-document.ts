import type { CharterRules } from './charter-rules.types';

export type PriceFloor = NonNullable<CharterRules['priceFloors']>[number];

/** Every rule of a charter, in the order people read them. */
export const RULE_KEYS: (keyof CharterRules)[] = [
  'organicRequired',
  'minLocalSalesShare',
  'maxExportShare',
  'maxMonthlyVariation',
  'excludedProductIds',
  'priceFloors',
  'forbiddenTransportModes',
  'maxEmissionsGramsPerKg',
];

/**
 * The plain rules to store: known keys only, a rule left out or set to null is absent
 * (so "no rule" has one spelling), price floors as plain objects, product ids lower case
 * (as PostgreSQL spells uuids, so that the cycle can compare them as strings).
 */
export function normalizeRules(input: CharterRules): CharterRules {
  const rules: Record<string, unknown> = {};
  for (const key of RULE_KEYS) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    if (key === 'priceFloors') {
      rules[key] = (value as PriceFloor[]).map(({ productId, minUnitPriceMinor }) => ({
        productId: productId.toLowerCase(),
        minUnitPriceMinor,
      }));
    } else if (key === 'excludedProductIds') {
      rules[key] = (value as string[]).map((id) => id.toLowerCase());
    } else {
      rules[key] = Array.isArray(value) ? [...value] : value;
    }
  }
  return rules as CharterRules;
}

/** Every product the rules name, each once. */
export function referencedProductIds(rules: CharterRules): string[] {
  const ids = [
    ...(rules.excludedProductIds ?? []),
    ...(rules.priceFloors ?? []).map((floor) => floor.productId),
  ];
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/**
 * What is wrong with rules that passed field validation, each message naming its field under
 * `prefix` (`rules` or `charter.rules`): products that do not exist, a product listed twice
 * (ids compared case-insensitively). Empty when the rules can be stored.
 */
export function rulesProblems(
  rules: CharterRules,
  missingProductIds: ReadonlySet<string>,
  prefix = 'rules',
): string[] {
  const problems: string[] = [];
  const missing = (id: string) => missingProductIds.has(id.toLowerCase());
  const excluded = new Set<string>();
  (rules.excludedProductIds ?? []).forEach((id, i) => {
    if (missing(id)) problems.push(`${prefix}.excludedProductIds.${i}: no such product ${id}`);
    if (excluded.has(id.toLowerCase()))
      problems.push(`${prefix}.excludedProductIds.${i}: product ${id} listed twice`);
    excluded.add(id.toLowerCase());
  });
  const floored = new Set<string>();
  (rules.priceFloors ?? []).forEach(({ productId }, i) => {
    if (missing(productId))
      problems.push(`${prefix}.priceFloors.${i}.productId: no such product ${productId}`);
    if (floored.has(productId.toLowerCase())) {
      problems.push(`${prefix}.priceFloors.${i}.productId: product ${productId} already has a price floor`);
    }
    floored.add(productId.toLowerCase());
  });
  return problems;
}
