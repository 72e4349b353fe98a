import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { checkInput, cooperative, offer } from '../../../test/fixtures/charter-check-input';
import { checkExportShare, exportCapUnits } from './export-share.rule';

describe('EXPORT_SHARE', () => {
  it('computes the cap exactly, where floating point would lose a unit', () => {
    expect(Math.floor(0.29 * 100)).toBe(28);
    expect(exportCapUnits(0.29, 100)).toBe(29);
    expect(exportCapUnits(0.3333, 10000)).toBe(3333);
    expect(exportCapUnits(0.3333, 10001)).toBe(3333); // 3333.3333
    expect(exportCapUnits(1, 1e15)).toBe(1e15);
  });

  it('fires one unit above the cap and not at it (4-decimal share boundary)', () => {
    const rules = { maxExportShare: 0.3333 };
    expect(
      checkExportShare(checkInput({ rules, offers: [offer({ monthlyCapacity: 10000, demand: 3333 })] })),
    ).toEqual([]);
    expect(
      checkExportShare(checkInput({ rules, offers: [offer({ monthlyCapacity: 10000, demand: 3334 })] })),
    ).toEqual([
      {
        rule: 'EXPORT_SHARE',
        severity: 'blocking',
        subjectType: 'offer',
        subjectId: 'offer-oil',
        message:
          "Offer offer-oil: demand of 3334 units is above the charter's export share of 33.33% of its monthly " +
          'capacity of 10000 units; supply is capped at 3333 units.',
        effect: 'cap',
        capUnits: 3333,
        facts: {
          offerId: 'offer-oil',
          product: null,
          cooperativeId: 'coop-atlas',
          cooperative: null,
          demand: 3334,
          share: 0.3333,
          capacity: 10000,
          capUnits: 3333,
        },
      },
    ]);
  });

  it('gives the names, the demand, the share, the capacity and the cap in its facts', () => {
    const [violation] = checkExportShare(
      checkInput({
        rules: { maxExportShare: 0.8 },
        offers: [offer({ productName: 'Argan oil', monthlyCapacity: 40, demand: 41 })],
        cooperatives: [cooperative({ name: 'Tifawin' })],
      }),
    );
    expect(violation.facts).toEqual({
      offerId: 'offer-oil',
      product: 'Argan oil',
      cooperativeId: 'coop-atlas',
      cooperative: 'Tifawin',
      demand: 41,
      share: 0.8,
      capacity: 40,
      capUnits: 32,
    });
  });

  it('never fires without the parameter', () => {
    expect(checkExportShare(checkInput({ offers: [offer({ monthlyCapacity: 0, demand: 10 })] }))).toEqual([]);
  });

  it('caps at floor(share × capacity) and fires exactly when demand is above share × capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.nat({ max: 1e12 }),
        fc.nat({ max: 1e12 }),
        (share, monthlyCapacity, demand) => {
          const exact = BigInt(share) * BigInt(monthlyCapacity); // × 10000
          const capUnits = exportCapUnits(share / 10000, monthlyCapacity);
          expect(BigInt(capUnits) * 10000n <= exact && exact < BigInt(capUnits + 1) * 10000n).toBe(true);
          const violations = checkExportShare(
            checkInput({
              rules: { maxExportShare: share / 10000 },
              offers: [offer({ monthlyCapacity, demand })],
            }),
          );
          expect(violations.length).toBe(BigInt(demand) * 10000n > exact ? 1 : 0);
          if (violations.length) expect(violations[0].capUnits).toBe(capUnits);
        },
      ),
      fcParameters({ numRuns: 1000 }),
    );
  });
});
