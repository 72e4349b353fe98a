import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { gramsToKg } from '../../common/math/grams';
import { gramsFor, kgFor, packagesFor, unitGrams } from './package-count';

describe('packagesFor', () => {
  it('counts whole packages, the last one partly filled', () => {
    expect(packagesFor(0, 6)).toBe(0);
    expect(packagesFor(1, 6)).toBe(1);
    expect(packagesFor(6, 6)).toBe(1);
    expect(packagesFor(7, 6)).toBe(2);
    expect(packagesFor(12, 1)).toBe(12);
  });

  it('rejects a pack size below 1 and fractional units', () => {
    expect(() => packagesFor(3, 0)).toThrow(RangeError);
    expect(() => packagesFor(1.5, 2)).toThrow(RangeError);
    expect(() => packagesFor(-1, 2)).toThrow(RangeError);
  });

  it('is the least number of packages that holds the units', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 1e9 }),
        (units, packSize) => {
          const packages = BigInt(packagesFor(units, packSize));
          expect(packages * BigInt(packSize) >= BigInt(units)).toBe(true);
          expect((packages - 1n) * BigInt(packSize) < BigInt(units) || packages === 0n).toBe(true);
        },
      ),
      fcParameters({ numRuns: 1000 }),
    );
  });

  it('never needs more packages for two lines apart than the sum of each', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 1e6 }),
        fc.integer({ min: 1, max: 50 }),
        (a, b, size) => {
          expect(packagesFor(a + b, size)).toBeLessThanOrEqual(packagesFor(a, size) + packagesFor(b, size));
          expect(packagesFor(a + b, size)).toBeGreaterThanOrEqual(
            Math.max(packagesFor(a, size), packagesFor(b, size)),
          );
        },
      ),
      fcParameters({ numRuns: 1000 }),
    );
  });
});

describe('kgFor', () => {
  it('counts in integer grams, so three-decimal weights come out exact', () => {
    expect(kgFor(3, 0.1)).toBe(0.3); // 3 × 0.1 is 0.30000000000000004 in floating point
    expect(kgFor(3, 1.005)).toBe(3.015);
    expect(kgFor(0, 2.5)).toBe(0);
    expect(kgFor(1000, 0.333)).toBe(333);
    expect(unitGrams(1.005)).toBe(1005); // 1.005 × 1000 is 1004.9999999999999
    expect(gramsFor(7, 0.25)).toBe(1750);
  });

  it('rounds a unit weight with more than three decimals to the gram', () => {
    expect(kgFor(10, 0.3334)).toBe(3.33);
  });

  const gramsArb = fc.nat({ max: 100_000 });

  it('is units × unit kg with at most three decimals', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), gramsArb, (units, grams) => {
        const kg = kgFor(units, grams / 1000);
        expect(Math.round(kg * 1000)).toBe(units * grams);
        expect(Number(kg.toFixed(3))).toBe(kg);
      }),
      fcParameters({ numRuns: 1000 }),
    );
  });

  it('adds up: the weight of a total is the sum of the weights of its lines', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1e5 }), { maxLength: 30 }), gramsArb, (lines, grams) => {
        const unitKg = grams / 1000;
        const total = lines.reduce((sum, units) => sum + units, 0);
        expect(gramsFor(total, unitKg)).toBe(lines.reduce((sum, units) => sum + gramsFor(units, unitKg), 0));
        expect(kgFor(total, unitKg)).toBe(
          gramsToKg(lines.reduce((sum, units) => sum + gramsFor(units, unitKg), 0)),
        );
      }),
      fcParameters({ numRuns: 1000 }),
    );
  });
});
