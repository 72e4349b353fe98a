import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import type { CharterRules } from './charter-rules.types';
import { normalizeRules, referencedProductIds, rulesProblems } from './rules-document';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const P3 = '33333333-3333-4333-8333-333333333333';

describe('normalizeRules', () => {
  it('keeps the rules given and drops the ones left out or null', () => {
    const input = {
      organicRequired: false,
      minLocalSalesShare: 0,
      maxExportShare: null,
      excludedProductIds: [P1],
      forbiddenTransportModes: undefined,
    } as unknown as CharterRules;
    expect(normalizeRules(input)).toEqual({
      organicRequired: false,
      minLocalSalesShare: 0,
      excludedProductIds: [P1],
    });
  });

  it('spells product ids lower case', () => {
    const rules = normalizeRules({
      excludedProductIds: [P1.toUpperCase()],
      priceFloors: [{ productId: P2.toUpperCase(), minUnitPriceMinor: 1 }],
    });
    expect(rules).toEqual({
      excludedProductIds: [P1],
      priceFloors: [{ productId: P2, minUnitPriceMinor: 1 }],
    });
  });

  it('drops keys that are not rules and copies price floors as plain objects', () => {
    const floor = Object.assign(Object.create({ inherited: 1 }), {
      productId: P1,
      minUnitPriceMinor: 250,
      extra: 'x',
    });
    const rules = normalizeRules({ priceFloors: [floor], surprise: true } as unknown as CharterRules);
    expect(rules).toEqual({ priceFloors: [{ productId: P1, minUnitPriceMinor: 250 }] });
    expect(Object.getPrototypeOf(rules.priceFloors![0])).toBe(Object.prototype);
  });

  it('is idempotent', () => {
    const rules = fc.record(
      {
        organicRequired: fc.boolean(),
        maxExportShare: fc.double({ min: 0, max: 1, noNaN: true }),
        excludedProductIds: fc.array(fc.uuid()),
        priceFloors: fc.array(fc.record({ productId: fc.uuid(), minUnitPriceMinor: fc.nat() })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(rules, (r) => expect(normalizeRules(normalizeRules(r))).toEqual(normalizeRules(r))),
      fcParameters(),
    );
  });
});

describe('referencedProductIds', () => {
  it('lists every product named by exclusions and price floors once', () => {
    const ids = referencedProductIds({
      excludedProductIds: [P1, P2],
      priceFloors: [
        { productId: P2, minUnitPriceMinor: 1 },
        { productId: P3, minUnitPriceMinor: 2 },
      ],
    });
    expect(ids.sort()).toEqual([P1, P2, P3]);
  });

  it('is empty for rules that name no product', () => {
    expect(referencedProductIds({ organicRequired: true })).toEqual([]);
  });
});

describe('rulesProblems', () => {
  it('is empty when every product exists and each has at most one floor', () => {
    const rules: CharterRules = {
      excludedProductIds: [P1],
      priceFloors: [{ productId: P2, minUnitPriceMinor: 5 }],
    };
    expect(rulesProblems(rules, new Set())).toEqual([]);
  });

  it('names the field of each missing product under the prefix', () => {
    const rules: CharterRules = {
      excludedProductIds: [P1, P2],
      priceFloors: [
        { productId: P1, minUnitPriceMinor: 5 },
        { productId: P3, minUnitPriceMinor: 5 },
      ],
    };
    expect(rulesProblems(rules, new Set([P2, P3]), 'charter.rules')).toEqual([
      `charter.rules.excludedProductIds.1: no such product ${P2}`,
      `charter.rules.priceFloors.1.productId: no such product ${P3}`,
    ]);
  });

  it('rejects two floors for one product, whatever the case of the id', () => {
    const rules: CharterRules = {
      priceFloors: [
        { productId: P1, minUnitPriceMinor: 5 },
        { productId: P1.toUpperCase(), minUnitPriceMinor: 7 },
      ],
    };
    expect(rulesProblems(rules, new Set())).toEqual([
      `rules.priceFloors.1.productId: product ${P1.toUpperCase()} already has a price floor`,
    ]);
  });

  it('rejects a product excluded twice under two spellings', () => {
    expect(rulesProblems({ excludedProductIds: [P1, P1.toUpperCase()] }, new Set())).toEqual([
      `rules.excludedProductIds.1: product ${P1.toUpperCase()} listed twice`,
    ]);
  });

  it('matches missing ids case-insensitively (the database answers them lower case)', () => {
    expect(rulesProblems({ excludedProductIds: [P1.toUpperCase()] }, new Set([P1]))).toHaveLength(1);
  });
});
