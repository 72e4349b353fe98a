/**
 * What the stored violations still do once waivers are applied: which offers are excluded and
 * which are capped. A waived violation no longer blocks; warnings never do. A cooperative-level
 * exclusion (LOCAL_SALES_SHARE) excludes each of the cooperative's offers. Several caps on one
 * offer: the lowest applies.
 */
import type { ViolationCore } from './charter-rules.types';

export interface RecordedViolation extends ViolationCore {
  id: string;
}

export interface OfferOwner {
  offerId: string;
  cooperativeId: string;
}

export interface EffectiveRestrictions {
  excludedOfferIds: Set<string>;
  capUnitsByOffer: Map<string, number>;
}

export function effectiveExclusions(
  violations: readonly RecordedViolation[],
  waivedIds: Iterable<string>,
  offers: readonly OfferOwner[],
): EffectiveRestrictions {
  const waived = new Set(waivedIds);
  const restrictions: EffectiveRestrictions = { excludedOfferIds: new Set(), capUnitsByOffer: new Map() };
  for (const violation of violations) {
    if (waived.has(violation.id) || violation.severity !== 'blocking') continue;
    for (const offerId of offersConcerned(violation, offers)) {
      if (violation.effect === 'exclude') restrictions.excludedOfferIds.add(offerId);
      if (violation.effect === 'cap') {
        const cap = violation.capUnits;
        if (cap === undefined) throw new RangeError(`violation ${violation.id} caps supply without capUnits`);
        restrictions.capUnitsByOffer.set(
          offerId,
          Math.min(cap, restrictions.capUnitsByOffer.get(offerId) ?? cap),
        );
      }
    }
  }
  return restrictions;
}

function offersConcerned(violation: RecordedViolation, offers: readonly OfferOwner[]): string[] {
  switch (violation.subjectType) {
    case 'offer':
      return [violation.subjectId];
    case 'cooperative':
      return offers
        .filter((offer) => offer.cooperativeId === violation.subjectId)
        .map((offer) => offer.offerId);
    case 'group_offer':
      // Only the COMMITMENT_STABILITY warning has this subject; no blocking rule acts on it.
      return [];
  }
}
