/**
 * Weights as integer grams, so that sums are exact. Weights are stated in kg with at most three
 * decimals; kg × 1000 rounded to the nearest gram only removes floating-point noise such as
 * 1.005 × 1000 = 1004.999…. Totals are summed in grams and converted back once (gramsToKg), so
 * a total always equals the sum of its lines, and kg have at most three decimals.
 */

export function kgToGrams(kg: number, what = 'weight'): number {
  if (!Number.isFinite(kg) || kg < 0) throw new RangeError(`${what} must be a weight ≥ 0 kg, got ${kg}`);
  const grams = Math.round(kg * 1000);
  if (!Number.isSafeInteger(grams)) throw new RangeError(`${what} is too large: ${kg} kg`);
  return grams;
}

/** Grams as kg with at most three decimals (the nearest double to grams / 1000). */
export function gramsToKg(grams: number): number {
  return grams / 1000;
}
