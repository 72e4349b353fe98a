/**
 * Sharing a whole number of units among claims pro rata to integer weights, by the
 * largest-remainder (Hamilton) method, with a cap per claim.
 *
 * Result: each claim gets a whole number of units, never more than its cap (the cap defaults to
 * the weight), and the shares add up to min(total, Σ caps of the claims with a positive weight).
 * A claim with weight 0 gets 0, whatever its cap; a total ≤ 0 gives everyone 0.
 *
 * Caps ("clamp and redistribute until stable"): a claim whose exact quota R·w/W reaches its cap
 * gets its cap, and what is left is shared again among the others. Clamping claims in ascending
 * order of cap/weight reaches the same fixed point in one pass: removing a claim whose
 * cap/weight is at most R/W can only raise R/W, so a claim that did not reach its cap never
 * reaches it later, and the whole split is one sort, O(n log n).
 *
 * Remainders: each claim left gets floor(R·w / W); the R − Σ floors leftover units (fewer than
 * the claims left) go one each to the claims with the largest remainders R·w mod W, compared as
 * integers. Ties are broken deterministically, whatever the order of the input:
 *   1. the larger remainder first;
 *   2. then the larger weight (one extra unit is a smaller relative deviation for it);
 *   3. then the key, ascending by UTF-16 code-unit order (plain `<`, no locale collation).
 * A claim never gets floor + 1 above its cap, since a claim left unclamped has quota < cap.
 *
 * Exactness: only integers. Products that could pass 2^53 go through BigInt (see
 * exact-arithmetic.ts), so weights and totals up to 1e9 with Σ weights up to
 * Number.MAX_SAFE_INTEGER give exact results, never dependent on floating point.
 */
import {
  assertNonNegativeSafeInteger,
  assertSafeInteger,
  compareCodeUnits,
  compareProducts,
  mulDivMod,
} from './exact-arithmetic';

export interface Claim {
  key: string;
  /** Non-negative integer; shares are pro rata to it. */
  weight: number;
  /** Non-negative integer; the most this claim may get. Defaults to the weight. */
  cap?: number;
}

/** The shares as a Map by key; keys must be unique. */
export function splitByLargestRemainder(total: number, claims: readonly Claim[]): Map<string, number> {
  const shares = largestRemainderShares(total, claims);
  const byKey = new Map<string, number>();
  claims.forEach((claim, i) => {
    if (byKey.has(claim.key)) throw new RangeError(`claim "${claim.key}" appears twice`);
    byKey.set(claim.key, shares[i]);
  });
  return byKey;
}

/** The shares in the order of the claims. Keys are only read to break ties (see the header). */
export function largestRemainderShares(total: number, claims: readonly Claim[]): number[] {
  const weights = claims.map((claim) => claim.weight);
  const caps = claims.map((claim) => claim.cap ?? claim.weight);
  return sharesByLargestRemainder(total, weights, caps, (i) => claims[i].key);
}

/**
 * The split over parallel arrays, for a caller with a million lines that would rather not build a
 * claim object per line. `keyAt(i)` names claim i for the tie-break; keys must be unique, or the
 * result would depend on the input order.
 */
export function sharesByLargestRemainder(
  total: number,
  weights: readonly number[],
  caps: readonly number[],
  keyAt: (index: number) => string,
): number[] {
  assertSafeInteger(total, 'total');
  const count = weights.length;
  const shares = new Array<number>(count).fill(0);
  const open: number[] = [];
  let weightSum = 0;
  let capsCoverWeights = true;
  for (let i = 0; i < count; i++) {
    const weight = weights[i];
    const cap = caps[i];
    // Checked inline, the message built only on failure: a split may see a million claims.
    if (!isCount(weight) || !isCount(cap)) {
      assertNonNegativeSafeInteger(weight, `weight of claim "${keyAt(i)}"`);
      assertNonNegativeSafeInteger(cap, `cap of claim "${keyAt(i)}"`);
    }
    if (weight === 0 || cap === 0) continue;
    open.push(i);
    weightSum += weight;
    if (cap < weight) capsCoverWeights = false;
  }
  assertSafeInteger(weightSum, 'the sum of the weights');
  if (total <= 0 || open.length === 0) return shares;

  let remaining = total;
  let remainingWeight = weightSum;
  let firstUnclamped = 0;
  // With every cap ≥ its weight and total ≤ Σ weights, no quota can pass its cap.
  if (!capsCoverWeights || total > weightSum) {
    open.sort((x, y) => compareProducts(caps[x], weights[y], caps[y], weights[x]));
    while (
      firstUnclamped < open.length &&
      compareProducts(
        caps[open[firstUnclamped]],
        remainingWeight,
        remaining,
        weights[open[firstUnclamped]],
      ) <= 0
    ) {
      const clamped = open[firstUnclamped++];
      shares[clamped] = caps[clamped];
      remaining -= caps[clamped];
      remainingWeight -= weights[clamped];
    }
  }
  if (firstUnclamped === open.length) return shares;

  const unclamped = firstUnclamped === 0 ? open : open.slice(firstUnclamped);
  const remainders = new Array<number>(count).fill(0);
  let handedOut = 0;
  for (const i of unclamped) {
    const [floor, remainder] = mulDivMod(remaining, weights[i], remainingWeight);
    shares[i] = floor;
    remainders[i] = remainder;
    handedOut += floor;
  }
  const leftover = remaining - handedOut;
  if (leftover > 0) {
    unclamped.sort(
      (x, y) =>
        remainders[y] - remainders[x] || weights[y] - weights[x] || compareCodeUnits(keyAt(x), keyAt(y)),
    );
    for (let rank = 0; rank < leftover; rank++) shares[unclamped[rank]] += 1;
  }
  return shares;
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}
