import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { checkInput, cooperative, offer } from '../../../test/fixtures/charter-check-input';
import type { CharterCheckInput, CharterRules } from './charter-rules.types';
import { checkCharter, compareViolations } from './check-charter';

const idArb = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1'), minLength: 1, maxLength: 3 });
const shareArb = fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000);
const dateArb = fc
  .date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const rulesArb: fc.Arbitrary<CharterRules> = fc.record(
  {
    organicRequired: fc.boolean(),
    minLocalSalesShare: shareArb,
    maxExportShare: shareArb,
    maxMonthlyVariation: shareArb,
    excludedProductIds: fc.array(fc.constantFrom('p1', 'p2', 'p3')),
    priceFloors: fc.array(
      fc.record({ productId: fc.constantFrom('p1', 'p2'), minUnitPriceMinor: fc.nat({ max: 500 }) }),
    ),
  },
  { requiredKeys: [] },
);

const inputArb: fc.Arbitrary<CharterCheckInput> = fc
  .uniqueArray(
    fc.record({
      cooperativeId: idArb,
      localSalesShare: shareArb,
      certificates: fc.array(
        fc.record({
          kind: fc.constantFrom('organic' as const, 'pgs' as const),
          validFrom: dateArb,
          validTo: fc.option(dateArb),
        }),
        { maxLength: 2 },
      ),
    }),
    { selector: (cooperative) => cooperative.cooperativeId, minLength: 1, maxLength: 4 },
  )
  .chain((cooperatives) =>
    fc.record({
      rules: rulesArb,
      loadingDate: dateArb,
      cooperatives: fc.constant(cooperatives),
      offers: fc.uniqueArray(
        fc.record({
          offerId: idArb,
          cooperativeId: fc.constantFrom(...cooperatives.map((cooperative) => cooperative.cooperativeId)),
          productId: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
          unitPriceMinor: fc.nat({ max: 600 }),
          monthlyCapacity: fc.nat({ max: 1000 }),
          demand: fc.nat({ max: 1000 }),
        }),
        { selector: (offer) => offer.offerId, maxLength: 6 },
      ),
      groupCommitments: fc.uniqueArray(
        fc.record({
          offerId: idArb,
          consumerGroupId: idArb,
          quantity: fc.nat({ max: 100 }),
          firstMonthQuantity: fc.option(fc.nat({ max: 100 })),
        }),
        { selector: (line) => `${line.consumerGroupId}:${line.offerId}`, maxLength: 6 },
      ),
    }),
  );

describe('checkCharter', () => {
  it('runs every rule and sorts by rule, then subject', () => {
    const violations = checkCharter(
      checkInput({
        rules: { organicRequired: true, excludedProductIds: ['olive-oil'], maxExportShare: 0.1 },
        loadingDate: '2026-02-01',
        offers: [offer({ offerId: 'o2' }), offer({ offerId: 'o1' })],
      }),
    );
    expect(violations.map((violation) => `${violation.rule} ${violation.subjectId}`)).toEqual([
      'EXCLUDED_PRODUCT o1',
      'EXCLUDED_PRODUCT o2',
      'EXPORT_SHARE o1',
      'EXPORT_SHARE o2',
      'ORGANIC_CERTIFICATE o1',
      'ORGANIC_CERTIFICATE o2',
    ]);
  });

  it('finds nothing when the charter states no rule', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(checkCharter({ ...input, rules: {} })).toEqual([]);
      }),
      fcParameters({ numRuns: 500 }),
    );
  });

  it('finds nothing for a cooperative that meets every rule', () => {
    const input = checkInput({
      rules: {
        organicRequired: true,
        minLocalSalesShare: 0.5,
        maxExportShare: 0.4,
        maxMonthlyVariation: 0.2,
        excludedProductIds: ['wheat'],
        priceFloors: [{ productId: 'olive-oil', minUnitPriceMinor: 1000 }],
      },
      cooperatives: [cooperative()],
      groupCommitments: [
        { offerId: 'offer-oil', consumerGroupId: 'g', quantity: 110, firstMonthQuantity: 100 },
      ],
    });
    expect(checkCharter(input)).toEqual([]);
  });

  it('gives a sorted list that does not depend on the order of the input', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc
              .tuple(
                fc.shuffledSubarray([...input.offers], { minLength: input.offers.length }),
                fc.shuffledSubarray([...input.cooperatives], { minLength: input.cooperatives.length }),
                fc.shuffledSubarray([...input.groupCommitments], {
                  minLength: input.groupCommitments.length,
                }),
              )
              .map(([offers, cooperatives, groupCommitments]) => ({
                ...input,
                offers,
                cooperatives,
                groupCommitments,
              })),
          ),
        ),
        ([input, shuffled]) => {
          const violations = checkCharter(input);
          expect(checkCharter(shuffled)).toEqual(violations);
          for (let i = 1; i < violations.length; i++) {
            expect(compareViolations(violations[i - 1], violations[i])).toBeLessThan(0);
          }
        },
      ),
      fcParameters({ numRuns: 500 }),
    );
  });

  it('blocks with exclude or cap, warns with no effect, and writes a sentence for each', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const violation of checkCharter(input)) {
          const isWarning = violation.rule === 'COMMITMENT_STABILITY';
          expect(violation.severity).toBe(isWarning ? 'warning' : 'blocking');
          expect(violation.effect).toBe(
            isWarning ? 'none' : violation.rule === 'EXPORT_SHARE' ? 'cap' : 'exclude',
          );
          expect(violation.message).toMatch(/^[A-Z].*\.$/);
        }
      }),
      fcParameters({ numRuns: 500 }),
    );
  });
});
