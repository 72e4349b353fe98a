import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { type Claim, splitByLargestRemainder } from './largest-remainder';

/**
 * A slow, obviously-correct model: BigInt throughout, caps applied by "clamp every claim whose
 * quota reaches its cap, redistribute, repeat until stable", leftover units by a full sort.
 */
function reference(total: number, claims: readonly Claim[]): Map<string, number> {
  const shares = new Map(claims.map((claim) => [claim.key, 0n]));
  let active = claims
    .map((claim) => ({
      key: claim.key,
      weight: BigInt(claim.weight),
      cap: BigInt(claim.cap ?? claim.weight),
    }))
    .filter((claim) => claim.weight > 0n && claim.cap > 0n);
  let remaining = BigInt(Math.max(total, 0));
  for (;;) {
    const weightSum = active.reduce((sum, claim) => sum + claim.weight, 0n);
    const clamped = active.filter((claim) => claim.cap * weightSum <= remaining * claim.weight);
    if (clamped.length === 0 || remaining === 0n) break;
    for (const claim of clamped) {
      shares.set(claim.key, claim.cap);
      remaining -= claim.cap;
    }
    active = active.filter((claim) => !clamped.includes(claim));
    if (active.length === 0) break;
  }
  const weightSum = active.reduce((sum, claim) => sum + claim.weight, 0n);
  if (active.length > 0 && remaining > 0n) {
    const quotas = active.map((claim) => ({
      claim,
      floor: (remaining * claim.weight) / weightSum,
      remainder: (remaining * claim.weight) % weightSum,
    }));
    let leftover = remaining - quotas.reduce((sum, quota) => sum + quota.floor, 0n);
    quotas.sort((x, y) =>
      x.remainder !== y.remainder
        ? Number(y.remainder - x.remainder > 0n) * 2 - 1
        : x.claim.weight !== y.claim.weight
          ? Number(y.claim.weight - x.claim.weight > 0n) * 2 - 1
          : x.claim.key < y.claim.key
            ? -1
            : 1,
    );
    for (const quota of quotas) {
      shares.set(quota.claim.key, quota.floor + (leftover > 0n ? 1n : 0n));
      if (leftover > 0n) leftover -= 1n;
    }
  }
  return new Map([...shares].map(([key, share]) => [key, Number(share)]));
}

const keyArb = fc.string({
  unit: fc.constantFrom('a', 'b', 'c', 'A', 'é', '1', '-'),
  minLength: 1,
  maxLength: 4,
});

function claimsArb(maxWeight: number, maxClaims = 12): fc.Arbitrary<Claim[]> {
  return fc
    .uniqueArray(
      fc.record(
        {
          key: keyArb,
          weight: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: maxWeight })),
          cap: fc.integer({ min: 0, max: maxWeight }),
        },
        { requiredKeys: ['key', 'weight'] },
      ),
      { selector: (claim) => claim.key, maxLength: maxClaims },
    )
    .map((claims) => claims.map((claim) => ({ ...claim })));
}

const capOf = (claim: Claim): number => claim.cap ?? claim.weight;
const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

describe('splitByLargestRemainder', () => {
  describe('examples', () => {
    it('gives the one leftover unit of 10 among three equal weights to the first key', () => {
      // The cap defaults to the weight, so these claims are given room for more than their weight.
      const shares = splitByLargestRemainder(10, [
        { key: 'c', weight: 1, cap: 10 },
        { key: 'a', weight: 1, cap: 10 },
        { key: 'b', weight: 1, cap: 10 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 4, b: 3, c: 3 });
    });

    it('shares exactly when the quotas are whole', () => {
      const shares = splitByLargestRemainder(20, [
        { key: 'a', weight: 5, cap: 20 },
        { key: 'b', weight: 3, cap: 20 },
        { key: 'c', weight: 2, cap: 20 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 10, b: 6, c: 4 });
    });

    it('gives the leftover unit to the largest remainder (7 among 5,3,2 → 4,2,1)', () => {
      // quotas 3.5, 2.1, 1.4: floors 3, 2, 1; remainders 35, 21, 14 (in tenths) → a.
      const shares = splitByLargestRemainder(7, [
        { key: 'a', weight: 5 },
        { key: 'b', weight: 3 },
        { key: 'c', weight: 2 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 4, b: 2, c: 1 });
    });

    it('breaks a tie of remainders by the larger weight before the key', () => {
      // 2 among weights 1 and 3: quotas 0.5 and 1.5, equal remainders → the weight-3 claim.
      const shares = splitByLargestRemainder(2, [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 3 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 0, b: 2 });
    });

    it('clamps a claim at its cap and shares the surplus among the others', () => {
      // a's quota is 6 but its cap 3; the 7 left go 3.5/3.5 to b and c, the tie to b by key.
      const shares = splitByLargestRemainder(10, [
        { key: 'a', weight: 6, cap: 3 },
        { key: 'c', weight: 2, cap: 10 },
        { key: 'b', weight: 2, cap: 10 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 3, b: 4, c: 3 });
    });

    it('clamps in cascade until stable', () => {
      // R/W = 12/12 clamps a (cap 1), then 11/9 clamps b (cap 2 < 3·11/9), then 9/6 leaves c and d.
      const shares = splitByLargestRemainder(12, [
        { key: 'a', weight: 3, cap: 1 },
        { key: 'b', weight: 3, cap: 2 },
        { key: 'c', weight: 3, cap: 9 },
        { key: 'd', weight: 3, cap: 9 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 1, b: 2, c: 5, d: 4 });
    });

    it('caps each claim at its weight by default', () => {
      const shares = splitByLargestRemainder(10, [
        { key: 'a', weight: 1 },
        { key: 'b', weight: 1 },
        { key: 'c', weight: 1 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 1, b: 1, c: 1 });
    });

    it('gives everyone its cap when the total covers all caps', () => {
      const shares = splitByLargestRemainder(100, [
        { key: 'a', weight: 5 },
        { key: 'b', weight: 3, cap: 1 },
      ]);
      expect(Object.fromEntries(shares)).toEqual({ a: 5, b: 1 });
    });

    it('gives 0 to zero weights and to everyone when the total is not positive', () => {
      expect(Object.fromEntries(splitByLargestRemainder(5, [{ key: 'a', weight: 0, cap: 9 }]))).toEqual({
        a: 0,
      });
      expect(Object.fromEntries(splitByLargestRemainder(0, [{ key: 'a', weight: 3 }]))).toEqual({ a: 0 });
      expect(Object.fromEntries(splitByLargestRemainder(-4, [{ key: 'a', weight: 3 }]))).toEqual({ a: 0 });
      expect(splitByLargestRemainder(5, []).size).toBe(0);
    });

    it('is exact where doubles are not (weights near 1e9, Σ near 1e12)', () => {
      const claims = [
        { key: 'a', weight: 999_999_999 },
        { key: 'b', weight: 999_999_998 },
        { key: 'c', weight: 1 },
        ...Array.from({ length: 997 }, (_, i) => ({ key: `z${i}`, weight: 1_000_000_000 - i })),
      ];
      const shares = splitByLargestRemainder(999_999_937, claims);
      expect(shares).toEqual(reference(999_999_937, claims));
      expect(sum(shares.values())).toBe(999_999_937);
    });

    it('rejects duplicate keys and non-integer or negative weights', () => {
      expect(() =>
        splitByLargestRemainder(1, [
          { key: 'a', weight: 1 },
          { key: 'a', weight: 2 },
        ]),
      ).toThrow(RangeError);
      expect(() => splitByLargestRemainder(1, [{ key: 'a', weight: 1.5 }])).toThrow(RangeError);
      expect(() => splitByLargestRemainder(1, [{ key: 'a', weight: -1 }])).toThrow(RangeError);
      expect(() => splitByLargestRemainder(1, [{ key: 'a', weight: 1, cap: -1 }])).toThrow(RangeError);
      expect(() => splitByLargestRemainder(1.5, [{ key: 'a', weight: 1 }])).toThrow(RangeError);
    });
  });

  describe('properties', () => {
    it('matches the clamp-and-redistribute BigInt model (small numbers)', () => {
      fc.assert(
        fc.property(fc.integer({ min: -5, max: 200 }), claimsArb(40), (total, claims) => {
          expect(splitByLargestRemainder(total, claims)).toEqual(reference(total, claims));
        }),
        fcParameters({ numRuns: 1000 }),
      );
    });

    it('matches the BigInt model with weights and totals up to 1e9', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e9 }), claimsArb(1e9, 40), (total, claims) => {
          expect(splitByLargestRemainder(total, claims)).toEqual(reference(total, claims));
        }),
        fcParameters({ numRuns: 500 }),
      );
    });

    it('hands out min(total, Σ caps) whole units, each within [0, cap], zero weights 0', () => {
      fc.assert(
        fc.property(fc.integer({ min: -5, max: 1e9 }), claimsArb(1e9), (total, claims) => {
          const shares = splitByLargestRemainder(total, claims);
          const capSum = sum(claims.filter((claim) => claim.weight > 0).map(capOf));
          expect(sum(shares.values())).toBe(Math.max(0, Math.min(total, capSum)));
          for (const claim of claims) {
            const share = shares.get(claim.key) as number;
            expect(Number.isInteger(share)).toBe(true);
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(capOf(claim));
            if (claim.weight === 0) expect(share).toBe(0);
          }
        }),
        fcParameters({ numRuns: 1000 }),
      );
    });

    it('without binding caps, each share is its quota rounded down or up (Hamilton quota rule)', () => {
      fc.assert(
        fc.property(
          claimsArb(1e6).filter((claims) => claims.some((claim) => claim.weight > 0)),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (claims, fraction) => {
            const uncapped = claims.map(({ key, weight }) => ({ key, weight }));
            const weightSum = sum(uncapped.map((claim) => claim.weight));
            const total = Math.floor(weightSum * fraction);
            const shares = splitByLargestRemainder(total, uncapped);
            for (const claim of uncapped) {
              const scaledError =
                BigInt(shares.get(claim.key) as number) * BigInt(weightSum) -
                BigInt(total) * BigInt(claim.weight);
              expect(scaledError < BigInt(weightSum) && scaledError > -BigInt(weightSum)).toBe(true);
            }
          },
        ),
        fcParameters({ numRuns: 1000 }),
      );
    });

    it('does not depend on the order of the claims', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 500 }),
          claimsArb(100).chain((claims) =>
            fc.tuple(fc.constant(claims), fc.shuffledSubarray(claims, { minLength: claims.length })),
          ),
          (total, [claims, shuffled]) => {
            expect([...splitByLargestRemainder(total, shuffled)].sort()).toEqual(
              [...splitByLargestRemainder(total, claims)].sort(),
            );
          },
        ),
        fcParameters({ numRuns: 1000 }),
      );
    });

    it('never gives a larger weight fewer units when caps are the weights', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2000 }), claimsArb(300), (total, claims) => {
          const uncapped = claims.map(({ key, weight }) => ({ key, weight }));
          const shares = splitByLargestRemainder(total, uncapped);
          for (const x of uncapped) {
            for (const y of uncapped) {
              if (x.weight > y.weight)
                expect(shares.get(x.key)).toBeGreaterThanOrEqual(shares.get(y.key) as number);
            }
          }
        }),
        fcParameters({ numRuns: 1000 }),
      );
    });
  });
});
