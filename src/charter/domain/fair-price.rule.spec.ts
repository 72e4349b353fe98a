import { checkInput, cooperative, offer } from '../../../test/fixtures/charter-check-input';
import { checkFairPrice } from './fair-price.rule';

describe('FAIR_PRICE', () => {
  const rules = { priceFloors: [{ productId: 'olive-oil', minUnitPriceMinor: 1200 }] };

  it('accepts a price at the floor and excludes one below it', () => {
    expect(checkFairPrice(checkInput({ rules }))).toEqual([]);
    expect(checkFairPrice(checkInput({ rules, offers: [offer({ unitPriceMinor: 1199 })] }))).toEqual([
      {
        rule: 'FAIR_PRICE',
        severity: 'blocking',
        subjectType: 'offer',
        subjectId: 'offer-oil',
        message:
          "Offer offer-oil is excluded: its price of 1199 (minor units) per unit is below the charter's fair-price " +
          'floor of 1200 for this product.',
        effect: 'exclude',
        facts: {
          offerId: 'offer-oil',
          product: null,
          cooperativeId: 'coop-atlas',
          cooperative: null,
          priceMinor: 1199,
          floorMinor: 1200,
          currency: null,
        },
      },
    ]);
  });

  it('gives the price, the floor and the season’s currency in its facts, with the names', () => {
    const [violation] = checkFairPrice(
      checkInput({
        rules,
        currency: 'EUR',
        offers: [offer({ unitPriceMinor: 950, productName: 'Argan oil' })],
        cooperatives: [cooperative({ name: 'Tifawin' })],
      }),
    );
    expect(violation.facts).toEqual({
      offerId: 'offer-oil',
      product: 'Argan oil',
      cooperativeId: 'coop-atlas',
      cooperative: 'Tifawin',
      priceMinor: 950,
      floorMinor: 1200,
      currency: 'EUR',
    });
  });

  it('applies the highest of several floors for one product, and none for other products', () => {
    const twoFloors = {
      priceFloors: [...rules.priceFloors, { productId: 'olive-oil', minUnitPriceMinor: 1500 }],
    };
    expect(checkFairPrice(checkInput({ rules: twoFloors }))).toHaveLength(1);
    expect(
      checkFairPrice(checkInput({ rules, offers: [offer({ productId: 'honey', unitPriceMinor: 1 })] })),
    ).toEqual([]);
    expect(checkFairPrice(checkInput({ offers: [offer({ unitPriceMinor: 0 })] }))).toEqual([]);
  });
});
