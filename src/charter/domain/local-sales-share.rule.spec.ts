import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { checkInput, cooperative, offer } from '../../../test/fixtures/charter-check-input';
import { checkLocalSalesShare } from './local-sales-share.rule';

describe('LOCAL_SALES_SHARE', () => {
  it('reports a cooperative below the minimum once, naming the offers it excludes', () => {
    const input = checkInput({
      rules: { minLocalSalesShare: 0.5 },
      cooperatives: [cooperative({ localSalesShare: 0.35, name: 'Atlas' })],
      offers: [offer({ offerId: 'o2' }), offer({ offerId: 'o1' })],
    });
    expect(checkLocalSalesShare(input)).toEqual([
      {
        rule: 'LOCAL_SALES_SHARE',
        severity: 'blocking',
        subjectType: 'cooperative',
        subjectId: 'coop-atlas',
        message:
          "Cooperative Atlas sells 35% of its production locally, below the charter's minimum of 50%; " +
          'its 2 offer(s) are excluded (o1, o2).',
        effect: 'exclude',
        facts: { cooperativeId: 'coop-atlas', cooperative: 'Atlas', share: 0.35, minShare: 0.5, offers: 2 },
      },
    ]);
  });

  it('does not fire at exactly the minimum, nor for a cooperative without offers, nor without the parameter', () => {
    const atMinimum = checkInput({
      rules: { minLocalSalesShare: 0.29 },
      cooperatives: [cooperative({ localSalesShare: 0.29 })],
    });
    expect(checkLocalSalesShare(atMinimum)).toEqual([]);
    const noOffers = checkInput({
      rules: { minLocalSalesShare: 0.5 },
      cooperatives: [cooperative({ localSalesShare: 0.1 })],
      offers: [],
    });
    expect(checkLocalSalesShare(noOffers)).toEqual([]);
    expect(checkLocalSalesShare(checkInput({ cooperatives: [cooperative({ localSalesShare: 0 })] }))).toEqual(
      [],
    );
  });

  it('fires exactly when the share is below the minimum (in ten-thousandths)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 0, max: 10000 }),
        (share, minimum) => {
          const input = checkInput({
            rules: { minLocalSalesShare: minimum / 10000 },
            cooperatives: [cooperative({ localSalesShare: share / 10000 })],
          });
          expect(checkLocalSalesShare(input).length).toBe(share < minimum ? 1 : 0);
        },
      ),
      fcParameters({ numRuns: 1000 }),
    );
  });
});
