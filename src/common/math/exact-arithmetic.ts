/**
 * Integer arithmetic that never rounds. Quantities and weights are safe integers, but their
 * products (a total of 1e9 units times a weight of 1e9) pass 2^53, where a double silently
 * loses units. Small products, the everyday case, stay on plain numbers for speed; larger ones
 * go through BigInt.
 */

/** Below this, a product, a quotient and the correction step are all exact in a double. */
const FAST_LIMIT = 2 ** 50;

export function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

export function assertNonNegativeSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
}

/**
 * floor(a·b / c) and (a·b) mod c for non-negative safe integers a, b and c > 0, exactly.
 * Both results are returned as numbers: the caller guarantees the quotient is at most a
 * (b ≤ c) or otherwise safe, and the remainder is below c.
 */
export function mulDivMod(a: number, b: number, c: number): [quotient: number, remainder: number] {
  const product = a * b;
  if (product <= FAST_LIMIT && c <= FAST_LIMIT) {
    let quotient = Math.floor(product / c);
    let remainder = product - quotient * c;
    // Guard against the division rounding across an integer boundary.
    if (remainder < 0) {
      quotient -= 1;
      remainder += c;
    } else if (remainder >= c) {
      quotient += 1;
      remainder -= c;
    }
    return [quotient, remainder];
  }
  const big = BigInt(a) * BigInt(b);
  const divisor = BigInt(c);
  return [Number(big / divisor), Number(big % divisor)];
}

/** Sign of a·b − c·d (−1, 0 or 1) for non-negative safe integers, exactly. */
export function compareProducts(a: number, b: number, c: number, d: number): number {
  const left = a * b;
  const right = c * d;
  // A double product of integers is exact while it stays within the safe range, and rounding is
  // monotonic, so a product that overflowed can never look safe.
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const difference = BigInt(a) * BigInt(b) - BigInt(c) * BigInt(d);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** Ordering of strings by UTF-16 code units: stable across locales and runtimes. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
