/**
 * Kilograms with at most three decimals, counted as integer grams so that sums are exact. The
 * same convention as the loading list (src/cycles/domain/package-count.ts, whose gramsToKg converts back):
 * kg × 1000 rounded to the nearest gram, which only removes floating-point noise such as
 * 1.005 × 1000 = 1004.999….
 */

export function kgToGrams(kg: number, what: string): number {
  if (!Number.isFinite(kg) || kg < 0) throw new RangeError(`${what} must be a weight ≥ 0 kg, got ${kg}`);
  const grams = Math.round(kg * 1000);
  if (!Number.isSafeInteger(grams)) throw new RangeError(`${what} is too large: ${kg} kg`);
  return grams;
}
