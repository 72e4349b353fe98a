import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { checkInput, cooperative, offer } from '../../../test/fixtures/charter-check-input';
import type { CharterCommitment } from './charter-rules.types';
import { checkCommitmentStability } from './commitment-stability.rule';

const commitment = (quantity: number, firstMonthQuantity: number | null): CharterCommitment => ({
  offerId: 'offer-oil',
  consumerGroupId: 'gasap-jette',
  quantity,
  firstMonthQuantity,
});

describe('COMMITMENT_STABILITY', () => {
  const rules = { maxMonthlyVariation: 0.2 };

  it('warns when a commitment moves more than the maximum from its first month', () => {
    const violations = checkCommitmentStability(
      checkInput({ rules, groupCommitments: [commitment(121, 100)] }),
    );
    expect(violations).toEqual([
      {
        rule: 'COMMITMENT_STABILITY',
        severity: 'warning',
        subjectType: 'group_offer',
        subjectId: 'gasap-jette:offer-oil',
        message:
          "Group gasap-jette's commitment on offer offer-oil moved from 100 units in the first month to 121 units " +
          "(+21%), more than the charter's maximum variation of 20%.",
        effect: 'none',
        facts: {
          offerId: 'offer-oil',
          product: null,
          cooperative: null,
          consumerGroupId: 'gasap-jette',
          group: null,
          firstMonth: 100,
          quantity: 121,
          variation: 0.21,
          maxVariation: 0.2,
        },
      },
    ]);
    const down = checkCommitmentStability(checkInput({ rules, groupCommitments: [commitment(3, 7)] }));
    expect(down[0].message).toContain('(−57.15%)'); // 4/7 = 57.142…%, shown rounded up
    expect(down[0].facts).toMatchObject({ firstMonth: 7, quantity: 3, variation: -0.5715 });
  });

  it('names the group, the product and the cooperative in its facts when the input does', () => {
    const [violation] = checkCommitmentStability(
      checkInput({
        rules,
        offers: [offer({ productName: 'Argan oil' })],
        cooperatives: [cooperative({ name: 'Tifawin' })],
        groupCommitments: [{ ...commitment(50, 100), consumerGroupName: 'GASAP Jette' }],
      }),
    );
    expect(violation.facts).toMatchObject({
      product: 'Argan oil',
      cooperative: 'Tifawin',
      group: 'GASAP Jette',
      variation: -0.5,
    });
  });

  it('does not warn at exactly the maximum', () => {
    const input = checkInput({ rules, groupCommitments: [commitment(120, 100), commitment(80, 100)] });
    expect(checkCommitmentStability(input)).toEqual([]);
  });

  it('does not warn without a first-month baseline (null or 0) nor without the parameter', () => {
    expect(checkCommitmentStability(checkInput({ rules, groupCommitments: [commitment(50, null)] }))).toEqual(
      [],
    );
    expect(checkCommitmentStability(checkInput({ rules, groupCommitments: [commitment(50, 0)] }))).toEqual(
      [],
    );
    expect(checkCommitmentStability(checkInput({ groupCommitments: [commitment(500, 1)] }))).toEqual([]);
  });

  it('fires exactly when |q − first| / first > max', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.nat({ max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        (maximum, quantity, first) => {
          const violations = checkCommitmentStability(
            checkInput({
              rules: { maxMonthlyVariation: maximum / 10000 },
              groupCommitments: [commitment(quantity, first)],
            }),
          );
          const fires = BigInt(Math.abs(quantity - first)) * 10000n > BigInt(maximum) * BigInt(first);
          expect(violations.length).toBe(fires ? 1 : 0);
        },
      ),
      fcParameters({ numRuns: 1000 }),
    );
  });
});
