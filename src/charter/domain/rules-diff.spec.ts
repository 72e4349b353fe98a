import fc from 'fast-check';
import type { CharterRules } from './charter-rules.types';
import { changedRules } from './rules-diff';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

const rulesArb: fc.Arbitrary<CharterRules> = fc.record(
  {
    organicRequired: fc.boolean(),
    maxExportShare: fc.constantFrom(0.2, 0.5, 1),
    excludedProductIds: fc.subarray([P1, P2]),
    forbiddenTransportModes: fc.subarray(['air', 'road'] as const),
    priceFloors: fc.subarray([
      { productId: P1, minUnitPriceMinor: 100 },
      { productId: P2, minUnitPriceMinor: 250 },
    ]),
  },
  { requiredKeys: [] },
);

describe('changedRules', () => {
  it('names every rule the first version sets', () => {
    expect(changedRules(null, { maxExportShare: 0.4, organicRequired: false })).toEqual([
      'organicRequired',
      'maxExportShare',
    ]);
  });

  it('names a rule added, one removed and one changed, and not one left alone', () => {
    const before: CharterRules = { organicRequired: true, maxExportShare: 0.4, excludedProductIds: [P1] };
    const after: CharterRules = {
      organicRequired: true,
      maxExportShare: 0.5,
      forbiddenTransportModes: ['air'],
    };
    expect(changedRules(before, after)).toEqual([
      'maxExportShare',
      'excludedProductIds',
      'forbiddenTransportModes',
    ]);
  });

  it('does not count a list given in another order, or an id in capitals, as a change', () => {
    const before: CharterRules = {
      excludedProductIds: [P1, P2],
      priceFloors: [
        { productId: P1, minUnitPriceMinor: 1 },
        { productId: P2, minUnitPriceMinor: 2 },
      ],
    };
    const after: CharterRules = {
      excludedProductIds: [P2, P1.toUpperCase()],
      priceFloors: [
        { productId: P2, minUnitPriceMinor: 2 },
        { productId: P1, minUnitPriceMinor: 1 },
      ],
    };
    expect(changedRules(before, after)).toEqual([]);
  });

  it('is symmetric and empty exactly when nothing changed (seed 1717)', () => {
    fc.assert(
      fc.property(rulesArb, rulesArb, (a, b) => {
        expect(changedRules(a, b)).toEqual(changedRules(b, a));
        expect(changedRules(a, a)).toEqual([]);
        const same = JSON.stringify(a) === JSON.stringify(b);
        if (same) expect(changedRules(a, b)).toEqual([]);
      }),
      { seed: 1717, numRuns: 300 },
    );
  });
});
