/**
 * Sharing what a group received back among its members (receive, cycle step 6).
 *
 * Per offer: when the group received at least what its members were allocated, each member gets
 * its allocation and the surplus is reported, not given away (it was not pledged, and who takes
 * it is the group's decision). When it received less, the units received are shared pro rata to
 * the allocations, in whole units, by largest remainder (src/common/math/largest-remainder.ts: ties
 * to the larger allocation, then the smaller memberId), each capped at its allocation.
 * So Σ members' received = min(received, Σ allocated), and no member gets more than allocated.
 */
import { assertNonNegativeSafeInteger, compareCodeUnits } from '../../common/math/exact-arithmetic';
import { splitByLargestRemainder } from '../../common/math/largest-remainder';

export interface MemberAllocation {
  memberId: string;
  allocated: number;
}

export interface OfferReception {
  offerId: string;
  /** Units the group's coordinator recorded as arrived. */
  received: number;
  /** The members' allocations of that offer; memberIds unique. */
  allocations: readonly MemberAllocation[];
}

export interface MemberReceipt {
  memberId: string;
  allocated: number;
  received: number;
}

export interface OfferReceipts {
  offerId: string;
  /** By memberId ascending. */
  members: MemberReceipt[];
  /** Σ allocated − Σ members' received (units that did not arrive), ≥ 0. */
  shortfall: number;
  /** received − Σ allocated when more arrived than was allocated, else 0. */
  surplus: number;
}

export function shareShortfall(input: OfferReception): OfferReceipts {
  assertNonNegativeSafeInteger(input.received, `units received of offer "${input.offerId}"`);
  let allocatedSum = 0;
  for (const allocation of input.allocations) {
    assertNonNegativeSafeInteger(allocation.allocated, `allocation of member "${allocation.memberId}"`);
    allocatedSum += allocation.allocated;
  }
  // splitByLargestRemainder rejects a duplicate memberId; its default cap is the weight (allocation).
  const shares = splitByLargestRemainder(
    Math.min(input.received, allocatedSum),
    input.allocations.map((allocation) => ({ key: allocation.memberId, weight: allocation.allocated })),
  );
  const members = [...input.allocations]
    .sort((x, y) => compareCodeUnits(x.memberId, y.memberId))
    .map((allocation) => ({
      memberId: allocation.memberId,
      allocated: allocation.allocated,
      received: shares.get(allocation.memberId)!,
    }));
  return {
    offerId: input.offerId,
    members,
    shortfall: Math.max(0, allocatedSum - input.received),
    surplus: Math.max(0, input.received - allocatedSum),
  };
}

/**
 * A whole group's reception: one shareShortfall per offer that was allocated or reported. An offer
 * allocated but absent from the report is taken as received 0 (nothing arrived); an offer reported
 * but allocated to nobody is all surplus. Offers come back by offerId ascending.
 */
export function shareReceipts(
  received: readonly { offerId: string; received: number }[],
  allocations: readonly { memberId: string; offerId: string; allocated: number }[],
): OfferReceipts[] {
  const receivedByOffer = new Map<string, number>();
  for (const line of received) {
    if (receivedByOffer.has(line.offerId)) throw new RangeError(`offer "${line.offerId}" is reported twice`);
    receivedByOffer.set(line.offerId, line.received);
  }
  const allocationsByOffer = new Map<string, MemberAllocation[]>();
  for (const allocation of allocations) {
    const list = allocationsByOffer.get(allocation.offerId) ?? [];
    list.push({ memberId: allocation.memberId, allocated: allocation.allocated });
    allocationsByOffer.set(allocation.offerId, list);
  }
  const offerIds = [...new Set([...receivedByOffer.keys(), ...allocationsByOffer.keys()])].sort(
    compareCodeUnits,
  );
  return offerIds.map((offerId) =>
    shareShortfall({
      offerId,
      received: receivedByOffer.get(offerId) ?? 0,
      allocations: allocationsByOffer.get(offerId) ?? [],
    }),
  );
}
