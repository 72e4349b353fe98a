/**
 * Step 4 of the monthly cycle: who gets what of each offer's supply.
 *
 * supply = 0 for an excluded offer, else min(confirmed, export cap, demand). The supply is shared
 * among the groups pro rata to their commitments, then each group's share among its members pro
 * rata to their pledges, both by largest remainder (see largest-remainder.ts for the tie-break).
 *
 * Decisions:
 * - A group's share is capped by its commitment and by what its members pledged, because it is
 *   handed on to them: a commitment with no pledges behind it gets nothing. (At lock the
 *   commitment is the sum of the pledges, so the second cap never bites on real data.)
 * - Pledges on a group × offer with no commitment line count as a commitment of 0: they were not
 *   part of what was locked. They still appear in the output, allocated 0, with a group row.
 * - Each offer's `allocated` is Σ of its groups; it equals `supply` whenever the commitments
 *   cover it, which they do when demand = Σ commitments as the lock writes it.
 * - Bad input (negative or fractional quantities, duplicate lines, lines on an unknown offer) is a
 *   programming error upstream and throws a RangeError rather than allocating something wrong.
 * - Output is sorted by offerId, consumerGroupId, memberId (UTF-16 code units), so the same lines
 *   in any order give the same result.
 */
import { assertNonNegativeSafeInteger, compareCodeUnits } from '../../common/math/exact-arithmetic';
import { sharesByLargestRemainder, splitByLargestRemainder } from '../../common/math/largest-remainder';

export interface OfferSupplyInput {
  offerId: string;
  /** Σ of the collective commitments on the offer, frozen at lock. */
  demand: number;
  /** What the cooperative confirmed (or its delivery pledge when it did not confirm). */
  confirmed: number;
  /** Units allowed by the charter's export share, or null when uncapped (or the cap was waived). */
  exportCap: number | null;
  /** Excluded by an unwaived blocking charter violation. */
  excluded: boolean;
}

export interface GroupCommitmentInput {
  offerId: string;
  consumerGroupId: string;
  quantity: number;
}

export interface MemberPledgeInput {
  offerId: string;
  consumerGroupId: string;
  memberId: string;
  quantity: number;
}

export interface CycleAllocationInput {
  offers: readonly OfferSupplyInput[];
  groupCommitments: readonly GroupCommitmentInput[];
  memberPledges: readonly MemberPledgeInput[];
}

export interface OfferSupply {
  offerId: string;
  demand: number;
  supply: number;
  /** Σ of the groups' allocations. */
  allocated: number;
}

export interface GroupAllocation {
  offerId: string;
  consumerGroupId: string;
  committed: number;
  allocated: number;
}

export interface MemberAllocation {
  offerId: string;
  consumerGroupId: string;
  memberId: string;
  pledged: number;
  allocated: number;
}

export interface CycleAllocation {
  supply: OfferSupply[];
  groups: GroupAllocation[];
  members: MemberAllocation[];
}

interface GroupLines {
  committed: number | undefined;
  pledges: MemberPledgeInput[];
}

export function supplyFor(offer: OfferSupplyInput): number {
  if (offer.excluded) return 0;
  return Math.min(offer.confirmed, offer.exportCap ?? Infinity, offer.demand);
}

export function allocateCycle(input: CycleAllocationInput): CycleAllocation {
  const linesByOffer = groupLinesByOffer(input);
  const result: CycleAllocation = { supply: [], groups: [], members: [] };
  const offers = [...input.offers].sort((x, y) => compareCodeUnits(x.offerId, y.offerId));
  for (const offer of offers) {
    const supply = supplyFor(offer);
    const groups = [...(linesByOffer.get(offer.offerId) as Map<string, GroupLines>)].sort(([x], [y]) =>
      compareCodeUnits(x, y),
    );
    const groupShares = splitByLargestRemainder(
      supply,
      groups.map(([consumerGroupId, { committed = 0, pledges }]) => ({
        key: consumerGroupId,
        weight: committed,
        cap: Math.min(committed, sumOfPledges(pledges)),
      })),
    );
    let allocated = 0;
    for (const [consumerGroupId, { committed = 0, pledges }] of groups) {
      const groupAllocated = groupShares.get(consumerGroupId) as number;
      allocated += groupAllocated;
      result.groups.push({ offerId: offer.offerId, consumerGroupId, committed, allocated: groupAllocated });
      allocateWithinGroup(groupAllocated, pledges, result.members);
    }
    result.supply.push({ offerId: offer.offerId, demand: offer.demand, supply, allocated });
  }
  return result;
}

function allocateWithinGroup(
  groupAllocated: number,
  pledges: MemberPledgeInput[],
  out: MemberAllocation[],
): void {
  pledges.sort((x, y) => compareCodeUnits(x.memberId, y.memberId));
  const quantities = new Array<number>(pledges.length);
  for (let i = 0; i < pledges.length; i++) {
    quantities[i] = pledges[i].quantity;
    if (i > 0 && pledges[i].memberId === pledges[i - 1].memberId) {
      throw new RangeError(
        `pledge of member ${pledges[i].memberId} on offer ${pledges[i].offerId} appears twice`,
      );
    }
  }
  const shares = sharesByLargestRemainder(groupAllocated, quantities, quantities, (i) => pledges[i].memberId);
  for (let i = 0; i < pledges.length; i++) {
    const { offerId, consumerGroupId, memberId, quantity } = pledges[i];
    out.push({ offerId, consumerGroupId, memberId, pledged: quantity, allocated: shares[i] });
  }
}

function groupLinesByOffer(input: CycleAllocationInput): Map<string, Map<string, GroupLines>> {
  const byOffer = new Map<string, Map<string, GroupLines>>();
  for (const offer of input.offers) {
    if (byOffer.has(offer.offerId)) throw new RangeError(`offer ${offer.offerId} appears twice`);
    assertNonNegativeSafeInteger(offer.demand, `demand on offer ${offer.offerId}`);
    assertNonNegativeSafeInteger(offer.confirmed, `confirmed quantity on offer ${offer.offerId}`);
    if (offer.exportCap !== null)
      assertNonNegativeSafeInteger(offer.exportCap, `export cap of offer ${offer.offerId}`);
    byOffer.set(offer.offerId, new Map());
  }
  for (const commitment of input.groupCommitments) {
    const lines = linesOf(byOffer, commitment);
    if (!isCount(commitment.quantity) || lines.committed !== undefined) {
      assertNonNegativeSafeInteger(commitment.quantity, `${describeLine(commitment)}: commitment`);
      throw new RangeError(`${describeLine(commitment)}: commitment appears twice`);
    }
    lines.committed = commitment.quantity;
  }
  // Pledges usually arrive ordered by offer and group (ORDER BY), so the last group looked up is
  // kept: most lines then skip both Map lookups. This loop may see a million lines.
  let previous: MemberPledgeInput | undefined;
  let previousLines: GroupLines | undefined;
  for (const pledge of input.memberPledges) {
    if (!isCount(pledge.quantity)) {
      assertNonNegativeSafeInteger(
        pledge.quantity,
        `${describeLine(pledge)}: pledge of member ${pledge.memberId}`,
      );
    }
    if (previous?.offerId !== pledge.offerId || previous.consumerGroupId !== pledge.consumerGroupId) {
      previousLines = linesOf(byOffer, pledge);
    }
    previous = pledge;
    (previousLines as GroupLines).pledges.push(pledge);
  }
  return byOffer;
}

function linesOf(
  byOffer: Map<string, Map<string, GroupLines>>,
  line: { offerId: string; consumerGroupId: string },
): GroupLines {
  const groups = byOffer.get(line.offerId);
  if (!groups) throw new RangeError(`${describeLine(line)}: unknown offer`);
  let lines = groups.get(line.consumerGroupId);
  if (!lines) {
    lines = { committed: undefined, pledges: [] };
    groups.set(line.consumerGroupId, lines);
  }
  return lines;
}

function describeLine(line: { offerId: string; consumerGroupId: string }): string {
  return `group ${line.consumerGroupId} on offer ${line.offerId}`;
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function sumOfPledges(pledges: readonly MemberPledgeInput[]): number {
  let sum = 0;
  for (const pledge of pledges) sum += pledge.quantity;
  return sum;
}
