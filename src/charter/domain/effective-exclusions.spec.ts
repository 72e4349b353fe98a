import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import type { ViolationCore } from './charter-rules.types';
import { effectiveExclusions, type RecordedViolation } from './effective-exclusions';

const offers = [
  { offerId: 'o1', cooperativeId: 'c1' },
  { offerId: 'o2', cooperativeId: 'c1' },
  { offerId: 'o3', cooperativeId: 'c2' },
];

const violation = (id: string, fields: Partial<ViolationCore>): RecordedViolation => ({
  id,
  rule: 'EXCLUDED_PRODUCT',
  severity: 'blocking',
  subjectType: 'offer',
  subjectId: 'o1',
  message: 'm',
  effect: 'exclude',
  ...fields,
});

const violations: RecordedViolation[] = [
  violation('v1', { rule: 'LOCAL_SALES_SHARE', subjectType: 'cooperative', subjectId: 'c1' }),
  violation('v2', { rule: 'FAIR_PRICE', subjectId: 'o3' }),
  violation('v3', { rule: 'EXPORT_SHARE', subjectId: 'o3', effect: 'cap', capUnits: 30 }),
  violation('v4', { rule: 'EXPORT_SHARE', subjectId: 'o2', effect: 'cap', capUnits: 12 }),
  violation('v5', {
    rule: 'COMMITMENT_STABILITY',
    severity: 'warning',
    subjectType: 'group_offer',
    subjectId: 'g:o1',
    effect: 'none',
  }),
];

describe('effectiveExclusions', () => {
  it('excludes a cooperative’s offers and each excluded offer, and caps capped ones', () => {
    const { excludedOfferIds, capUnitsByOffer } = effectiveExclusions(violations, [], offers);
    expect([...excludedOfferIds].sort()).toEqual(['o1', 'o2', 'o3']);
    expect(Object.fromEntries(capUnitsByOffer)).toEqual({ o2: 12, o3: 30 });
  });

  it('lets a waived violation no longer block', () => {
    const { excludedOfferIds, capUnitsByOffer } = effectiveExclusions(
      violations,
      new Set(['v1', 'v3']),
      offers,
    );
    expect([...excludedOfferIds]).toEqual(['o3']);
    expect(Object.fromEntries(capUnitsByOffer)).toEqual({ o2: 12 });
  });

  it('keeps the lowest of several caps', () => {
    const twoCaps = [...violations, violation('v6', { subjectId: 'o2', effect: 'cap', capUnits: 5 })];
    expect(effectiveExclusions(twoCaps, [], offers).capUnitsByOffer.get('o2')).toBe(5);
  });

  it('waiving more never excludes or caps more', () => {
    fc.assert(
      fc.property(
        fc.subarray(violations.map((v) => v.id)),
        fc.subarray(violations.map((v) => v.id)),
        (some, more) => {
          const fewer = effectiveExclusions(violations, some, offers);
          const wider = effectiveExclusions(violations, [...some, ...more], offers);
          for (const offerId of wider.excludedOfferIds)
            expect(fewer.excludedOfferIds.has(offerId)).toBe(true);
          for (const [offerId, cap] of wider.capUnitsByOffer)
            expect(fewer.capUnitsByOffer.get(offerId)).toBe(cap);
        },
      ),
      fcParameters({ numRuns: 200 }),
    );
  });
});
