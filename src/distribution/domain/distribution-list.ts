import { compareCodeUnits } from '../../common/math/exact-arithmetic';
import type { PersonLocale } from '../../notifications/domain/person-locale';

/**
 * The distribution list: what a coordinator hands each member at the drop point once the
 * group's delivery is recorded. Each member gets what reception shared back to it (its
 * allocation, or less when goods were short on arrival); a surplus that arrived beyond the
 * allocations is shown in the totals and handed to nobody (who takes it is the group's call).
 */

/** One member × offer of the group's reception, as read from the database. */
export interface MemberReceiptRow {
  memberId: string;
  memberName: string;
  active: boolean;
  offerId: string;
  allocated: number;
  received: number;
}

/** What the group recorded as arrived, per offer, with the offer's names. */
export interface GroupOfferRow {
  offerId: string;
  product: string;
  unit: string;
  cooperative: string;
  packSize: number;
  received: number;
}

export interface DistributionHead {
  cycleId: string;
  seasonId: string;
  season: string;
  month: string;
  locale: PersonLocale;
  /** The consumer territory's IANA time zone, for the dates printed. */
  timeZone: string;
  consumerGroup: { id: string; name: string; dropPoint: { name: string; address: string } };
  receiptVersion: number;
  reportedAt: string;
}

export interface Packing {
  /** Whole packs of `packSize` units. */
  packs: number;
  /** Units beyond the whole packs. */
  looseUnits: number;
}

export interface OfferNames {
  offerId: string;
  product: string;
  unit: string;
  cooperative: string;
  packSize: number;
}

export interface MemberLine extends OfferNames, Packing {
  allocated: number;
  /** Units to hand over: what reception shared back to the member. */
  quantity: number;
}

export interface MemberHandover {
  memberId: string;
  name: string;
  active: boolean;
  lines: MemberLine[];
  /** Σ quantity of its lines. */
  units: number;
}

export interface OfferTotal extends OfferNames, Packing {
  allocated: number;
  /** Units the coordinator recorded as arrived. */
  received: number;
  /** Σ of the members' quantities. */
  quantity: number;
  /** received − quantity: arrived beyond the allocations, handed to nobody. */
  surplus: number;
}

export interface DistributionList extends DistributionHead {
  members: MemberHandover[];
  totals: { lines: OfferTotal[]; units: number; members: number };
}

export function packing(quantity: number, packSize: number): Packing {
  return { packs: Math.floor(quantity / packSize), looseUnits: quantity % packSize };
}

const byOfferNames = (a: OfferNames, b: OfferNames) =>
  compareCodeUnits(a.product, b.product) ||
  compareCodeUnits(a.cooperative, b.cooperative) ||
  compareCodeUnits(a.offerId, b.offerId);

/**
 * Builds the list: members in name order for the locale (the order people look themselves up
 * in), each with its lines in product order; the group's totals per offer. A member row whose
 * offer the group did not report is impossible (reception writes one per allocation); it is
 * skipped rather than shown without a name.
 */
export function buildDistributionList(
  head: DistributionHead,
  offers: readonly GroupOfferRow[],
  rows: readonly MemberReceiptRow[],
): DistributionList {
  const offerById = new Map(offers.map((offer) => [offer.offerId, offer]));
  const members = new Map<string, MemberHandover>();
  for (const row of rows) {
    const offer = offerById.get(row.offerId);
    if (!offer) continue;
    let member = members.get(row.memberId);
    if (!member) {
      member = { memberId: row.memberId, name: row.memberName, active: row.active, lines: [], units: 0 };
      members.set(row.memberId, member);
    }
    member.lines.push({
      offerId: offer.offerId,
      product: offer.product,
      unit: offer.unit,
      cooperative: offer.cooperative,
      packSize: offer.packSize,
      allocated: row.allocated,
      quantity: row.received,
      ...packing(row.received, offer.packSize),
    });
    member.units += row.received;
  }
  const collator = new Intl.Collator(head.locale, { sensitivity: 'base' });
  const handovers = [...members.values()].sort(
    (a, b) => collator.compare(a.name, b.name) || compareCodeUnits(a.memberId, b.memberId),
  );
  for (const member of handovers) member.lines.sort(byOfferNames);

  const lines = [...offers]
    .map((offer): OfferTotal => {
      const memberLines = handovers.flatMap((m) => m.lines.filter((line) => line.offerId === offer.offerId));
      const quantity = memberLines.reduce((sum, line) => sum + line.quantity, 0);
      return {
        offerId: offer.offerId,
        product: offer.product,
        unit: offer.unit,
        cooperative: offer.cooperative,
        packSize: offer.packSize,
        allocated: memberLines.reduce((sum, line) => sum + line.allocated, 0),
        received: offer.received,
        quantity,
        surplus: Math.max(0, offer.received - quantity),
        ...packing(quantity, offer.packSize),
      };
    })
    .sort(byOfferNames);
  return {
    ...head,
    members: handovers,
    totals: {
      lines,
      units: lines.reduce((sum, line) => sum + line.quantity, 0),
      members: handovers.length,
    },
  };
}
