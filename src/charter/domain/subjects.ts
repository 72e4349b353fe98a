import type { CharterCheckInput, CharterCooperative, CharterOffer, OfferFacts } from './charter-rules.types';

export function describeOffer(offer: CharterOffer): string {
  return offer.productName ? `Offer ${offer.offerId} (${offer.productName})` : `Offer ${offer.offerId}`;
}

export function describeCooperative(cooperativeId: string, cooperative?: CharterCooperative): string {
  return cooperative?.name ? `cooperative ${cooperative.name}` : `cooperative ${cooperativeId}`;
}

/** The offer as the facts name it: its product and cooperative by name, null when not given. */
export function offerFacts(offer: CharterOffer, input: Pick<CharterCheckInput, 'cooperatives'>): OfferFacts {
  const cooperative = input.cooperatives.find((one) => one.cooperativeId === offer.cooperativeId);
  return {
    offerId: offer.offerId,
    product: offer.productName ?? null,
    cooperativeId: offer.cooperativeId,
    cooperative: cooperative?.name ?? null,
  };
}

export function groupOfferSubjectId(consumerGroupId: string, offerId: string): string {
  return `${consumerGroupId}:${offerId}`;
}
