import type { CharterCooperative, CharterOffer } from './charter-rules.types';

export function describeOffer(offer: CharterOffer): string {
  return offer.productName ? `Offer ${offer.offerId} (${offer.productName})` : `Offer ${offer.offerId}`;
}

export function describeCooperative(cooperativeId: string, cooperative?: CharterCooperative): string {
  return cooperative?.name ? `cooperative ${cooperative.name}` : `cooperative ${cooperativeId}`;
}

export function groupOfferSubjectId(consumerGroupId: string, offerId: string): string {
  return `${consumerGroupId}:${offerId}`;
}
