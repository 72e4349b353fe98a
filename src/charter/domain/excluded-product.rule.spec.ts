import { checkInput, offer } from '../../../test/fixtures/charter-check-input';
import { checkExcludedProduct } from './excluded-product.rule';

describe('EXCLUDED_PRODUCT', () => {
  it('excludes offers of an excluded product only', () => {
    const input = checkInput({
      rules: { excludedProductIds: ['wheat'] },
      offers: [offer(), offer({ offerId: 'offer-wheat', productId: 'wheat', productName: 'Durum wheat' })],
    });
    expect(checkExcludedProduct(input)).toEqual([
      {
        rule: 'EXCLUDED_PRODUCT',
        severity: 'blocking',
        subjectType: 'offer',
        subjectId: 'offer-wheat',
        message:
          'Offer offer-wheat (Durum wheat) is excluded: the charter keeps product wheat out of the partnership ' +
          '(grown in the consumer territory, or a staple the producer territory needs).',
        effect: 'exclude',
        facts: {
          offerId: 'offer-wheat',
          product: 'Durum wheat',
          cooperativeId: 'coop-atlas',
          cooperative: null,
          productId: 'wheat',
        },
      },
    ]);
  });

  it('never fires without the parameter or with an empty list', () => {
    expect(checkExcludedProduct(checkInput())).toEqual([]);
    expect(checkExcludedProduct(checkInput({ rules: { excludedProductIds: [] } }))).toEqual([]);
  });
});
