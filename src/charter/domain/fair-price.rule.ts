/**
 * FAIR_PRICE: an offer priced below its product's floor is excluded. Where the charter lists
 * several floors for one product, the highest applies. Prices are integer minor units of the
 * season's currency.
 */
import type { CharterCheckInput, Violation } from './charter-rules.types';
import { describeOffer, offerFacts } from './subjects';

export function checkFairPrice(input: CharterCheckInput): Violation[] {
  const floors = new Map<string, number>();
  for (const { productId, minUnitPriceMinor } of input.rules.priceFloors ?? []) {
    floors.set(productId, Math.max(floors.get(productId) ?? -Infinity, minUnitPriceMinor));
  }
  return input.offers.flatMap((offer) => {
    const floor = floors.get(offer.productId);
    if (floor === undefined || offer.unitPriceMinor >= floor) return [];
    return [
      {
        rule: 'FAIR_PRICE' as const,
        severity: 'blocking',
        subjectType: 'offer',
        subjectId: offer.offerId,
        message:
          `${describeOffer(offer)} is excluded: its price of ${offer.unitPriceMinor} (minor units) per unit is ` +
          `below the charter's fair-price floor of ${floor} for this product.`,
        effect: 'exclude',
        facts: {
          ...offerFacts(offer, input),
          priceMinor: offer.unitPriceMinor,
          floorMinor: floor,
          currency: input.currency ?? null,
        },
      },
    ];
  });
}
