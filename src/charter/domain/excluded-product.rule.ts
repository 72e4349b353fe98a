/** EXCLUDED_PRODUCT: an offer of a product the charter keeps out of the partnership is excluded. */
import type { CharterCheckInput, Violation } from './charter-rules.types';
import { describeOffer, offerFacts } from './subjects';

export function checkExcludedProduct(input: CharterCheckInput): Violation[] {
  const excluded = new Set(input.rules.excludedProductIds ?? []);
  if (excluded.size === 0) return [];
  return input.offers
    .filter((offer) => excluded.has(offer.productId))
    .map((offer) => ({
      rule: 'EXCLUDED_PRODUCT' as const,
      severity: 'blocking',
      subjectType: 'offer',
      subjectId: offer.offerId,
      message:
        `${describeOffer(offer)} is excluded: the charter keeps product ${offer.productId} out of the ` +
        `partnership (grown in the consumer territory, or a staple the producer territory needs).`,
      effect: 'exclude',
      facts: { ...offerFacts(offer, input), productId: offer.productId },
    }));
}
