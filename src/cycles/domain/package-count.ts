/**
 * Packages and weights for the loading list.
 *
 * Weights are counted in integer grams: a product's unit weight is taken to the gram
 * (unitKg × 1000, rounded to the nearest integer; product weights are stated with at most three
 * decimals, so this only removes floating-point noise such as 1.005 × 1000 = 1004.999…). A line
 * weighs units × unit grams, exactly; kg are grams / 1000, so they have at most three decimals
 * and are additive: totals should be summed in grams (gramsFor) and converted once, so a total
 * always equals the sum of its lines.
 */
import { assertNonNegativeSafeInteger, mulDivMod } from '../../common/math/exact-arithmetic';
import { gramsToKg, kgToGrams } from '../../common/math/grams';

/** ceil(units / packSize): whole packages, the last one possibly partly filled; 0 units → 0. */
export function packagesFor(units: number, packSize: number): number {
  assertNonNegativeSafeInteger(units, 'units');
  assertNonNegativeSafeInteger(packSize, 'pack size');
  if (packSize === 0) throw new RangeError('pack size must be at least 1');
  const [whole, rest] = mulDivMod(units, 1, packSize);
  return rest > 0 ? whole + 1 : whole;
}

/** A unit weight in kg, to the nearest gram. */
export function unitGrams(unitKg: number): number {
  return kgToGrams(unitKg, 'unit weight');
}

/** Exact weight of `units` units in grams. */
export function gramsFor(units: number, unitKg: number): number {
  assertNonNegativeSafeInteger(units, 'units');
  const grams = units * unitGrams(unitKg);
  assertNonNegativeSafeInteger(grams, 'weight in grams');
  return grams;
}

/** Weight of `units` units in kg, rounded to three decimals through integer grams. */
export function kgFor(units: number, unitKg: number): number {
  return gramsToKg(gramsFor(units, unitKg));
}
