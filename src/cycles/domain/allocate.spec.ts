import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import {
  allocateCycle,
  type CycleAllocation,
  type CycleAllocationInput,
  type GroupCommitmentInput,
  type MemberPledgeInput,
  type OfferSupplyInput,
  supplyFor,
} from './allocate';

const idArb = fc.string({ unit: fc.constantFrom('a', 'b', 'C', '9', 'é'), minLength: 1, maxLength: 3 });

interface Scenario {
  input: CycleAllocationInput;
}

/**
 * A consistent cycle, as the lock writes it: each commitment is the sum of its members' pledges
 * and each offer's demand the sum of its commitments. `ample` forces supply ≥ demand.
 */
function scenarioArb(options: { ample?: boolean } = {}): fc.Arbitrary<Scenario> {
  const membersArb = fc.uniqueArray(fc.record({ memberId: idArb, quantity: fc.nat({ max: 40 }) }), {
    selector: (member) => member.memberId,
    maxLength: 6,
  });
  const groupsArb = fc.uniqueArray(fc.record({ consumerGroupId: idArb, members: membersArb }), {
    selector: (group) => group.consumerGroupId,
    maxLength: 5,
  });
  const offerArb = fc.record({
    offerId: idArb,
    groups: groupsArb,
    confirmedExtra: fc.integer({ min: -200, max: 20 }),
    exportCapExtra: fc.option(fc.integer({ min: -200, max: 20 })),
    excluded: options.ample ? fc.constant(false) : fc.boolean(),
  });
  return fc.uniqueArray(offerArb, { selector: (offer) => offer.offerId, maxLength: 4 }).map((offers) => {
    const input = {
      offers: [] as OfferSupplyInput[],
      groupCommitments: [] as GroupCommitmentInput[],
      memberPledges: [] as MemberPledgeInput[],
    };
    for (const offer of offers) {
      let demand = 0;
      for (const group of offer.groups) {
        let committed = 0;
        for (const member of group.members) {
          committed += member.quantity;
          input.memberPledges.push({
            offerId: offer.offerId,
            consumerGroupId: group.consumerGroupId,
            ...member,
          });
        }
        demand += committed;
        input.groupCommitments.push({
          offerId: offer.offerId,
          consumerGroupId: group.consumerGroupId,
          quantity: committed,
        });
      }
      const around = (extra: number): number =>
        Math.max(0, demand + (options.ample ? Math.abs(extra) : extra));
      input.offers.push({
        offerId: offer.offerId,
        demand,
        confirmed: around(offer.confirmedExtra),
        exportCap: offer.exportCapExtra === null ? null : around(offer.exportCapExtra),
        excluded: offer.excluded,
      });
    }
    return { input };
  });
}

/** Any lines at all: commitments need not match the pledges, nor demand the commitments. */
const looseInputArb: fc.Arbitrary<CycleAllocationInput> = fc
  .uniqueArray(
    fc.record({
      offerId: idArb,
      demand: fc.nat({ max: 200 }),
      confirmed: fc.nat({ max: 200 }),
      exportCap: fc.option(fc.nat({ max: 200 })),
      excluded: fc.boolean(),
    }),
    { selector: (offer) => offer.offerId, minLength: 1, maxLength: 3 },
  )
  .chain((offers) => {
    const offerId = fc.constantFrom(...offers.map((offer) => offer.offerId));
    return fc.record({
      offers: fc.constant(offers),
      groupCommitments: fc.uniqueArray(
        fc.record({ offerId, consumerGroupId: idArb, quantity: fc.nat({ max: 100 }) }),
        { selector: (line) => `${line.offerId}/${line.consumerGroupId}` },
      ),
      memberPledges: fc.uniqueArray(
        fc.record({ offerId, consumerGroupId: idArb, memberId: idArb, quantity: fc.nat({ max: 50 }) }),
        { selector: (line) => `${line.offerId}/${line.consumerGroupId}/${line.memberId}` },
      ),
    });
  });

/** The invariants every allocation keeps, as a list of what broke (expect() per line is slow). */
function brokenInvariants(input: CycleAllocationInput, result: CycleAllocation): string[] {
  const broken: string[] = [];
  const offers = new Map(input.offers.map((offer) => [offer.offerId, offer]));
  const isCount = (value: number) => Number.isInteger(value) && value >= 0;
  const memberSums = new Map<string, number>();
  for (const member of result.members) {
    const key = `${member.offerId}/${member.consumerGroupId}`;
    memberSums.set(key, (memberSums.get(key) ?? 0) + member.allocated);
    if (!isCount(member.allocated)) broken.push(`member allocation ${member.allocated} is not a count`);
    if (member.allocated > member.pledged) broken.push(`member ${member.memberId} gets more than its pledge`);
    if (offers.get(member.offerId)?.excluded && member.allocated > 0)
      broken.push('member allocated on excluded offer');
  }
  const groupSums = new Map<string, number>();
  for (const group of result.groups) {
    const key = `${group.offerId}/${group.consumerGroupId}`;
    groupSums.set(group.offerId, (groupSums.get(group.offerId) ?? 0) + group.allocated);
    if ((memberSums.get(key) ?? 0) !== group.allocated) broken.push(`Σ members ≠ allocation of group ${key}`);
    if (!isCount(group.allocated)) broken.push(`group allocation ${group.allocated} is not a count`);
    if (group.allocated > group.committed) broken.push(`group ${key} gets more than its commitment`);
    if (offers.get(group.offerId)?.excluded && group.allocated > 0)
      broken.push('group allocated on excluded offer');
  }
  for (const offer of result.supply) {
    if ((groupSums.get(offer.offerId) ?? 0) !== offer.allocated)
      broken.push(`Σ groups ≠ allocated on ${offer.offerId}`);
    if (offer.allocated > offer.supply) broken.push(`more than the supply allocated on ${offer.offerId}`);
    if (offer.supply !== supplyFor(offers.get(offer.offerId) as OfferSupplyInput))
      broken.push('wrong supply');
  }
  if (result.members.length !== input.memberPledges.length) broken.push('a pledge line is missing');
  return broken;
}

function shuffledArb(input: CycleAllocationInput): fc.Arbitrary<CycleAllocationInput> {
  const permutation = <T>(items: readonly T[]) =>
    fc.shuffledSubarray([...items], { minLength: items.length });
  return fc.record({
    offers: permutation(input.offers),
    groupCommitments: permutation(input.groupCommitments),
    memberPledges: permutation(input.memberPledges),
  });
}

describe('supplyFor', () => {
  const offer = { offerId: 'o', demand: 100, confirmed: 80, exportCap: 60, excluded: false };
  it('is min(confirmed, export cap, demand), 0 when excluded', () => {
    expect(supplyFor(offer)).toBe(60);
    expect(supplyFor({ ...offer, exportCap: null })).toBe(80);
    expect(supplyFor({ ...offer, exportCap: null, confirmed: 120 })).toBe(100);
    expect(supplyFor({ ...offer, excluded: true })).toBe(0);
  });
});

describe('allocateCycle', () => {
  describe('examples', () => {
    const input: CycleAllocationInput = {
      offers: [{ offerId: 'honey', demand: 10, confirmed: 7, exportCap: null, excluded: false }],
      groupCommitments: [
        { offerId: 'honey', consumerGroupId: 'jette', quantity: 6 },
        { offerId: 'honey', consumerGroupId: 'ixelles', quantity: 4 },
      ],
      memberPledges: [
        { offerId: 'honey', consumerGroupId: 'jette', memberId: 'ann', quantity: 4 },
        { offerId: 'honey', consumerGroupId: 'jette', memberId: 'bob', quantity: 2 },
        { offerId: 'honey', consumerGroupId: 'ixelles', memberId: 'cat', quantity: 4 },
      ],
    };

    it('shares a shortfall among groups, then members, by largest remainder', () => {
      // Groups: 7 × 6/10 = 4.2 and 7 × 4/10 = 2.8 → 4 + 2, the leftover unit to ixelles (.8 > .2).
      // Jette's 4 among 4 and 2: 2.67 and 1.33 → 2 + 1, the leftover to ann (.67 > .33).
      expect(allocateCycle(input)).toEqual({
        supply: [{ offerId: 'honey', demand: 10, supply: 7, allocated: 7 }],
        groups: [
          { offerId: 'honey', consumerGroupId: 'ixelles', committed: 4, allocated: 3 },
          { offerId: 'honey', consumerGroupId: 'jette', committed: 6, allocated: 4 },
        ],
        members: [
          { offerId: 'honey', consumerGroupId: 'ixelles', memberId: 'cat', pledged: 4, allocated: 3 },
          { offerId: 'honey', consumerGroupId: 'jette', memberId: 'ann', pledged: 4, allocated: 3 },
          { offerId: 'honey', consumerGroupId: 'jette', memberId: 'bob', pledged: 2, allocated: 1 },
        ],
      });
    });

    it('applies the export cap and gives nothing to an excluded offer', () => {
      const capped = allocateCycle({
        ...input,
        offers: [{ ...input.offers[0], confirmed: 10, exportCap: 5 }],
      });
      expect(capped.supply[0]).toEqual({ offerId: 'honey', demand: 10, supply: 5, allocated: 5 });
      expect(capped.groups.map((group) => group.allocated)).toEqual([2, 3]);
      const excluded = allocateCycle({
        ...input,
        offers: [{ ...input.offers[0], confirmed: 10, excluded: true }],
      });
      expect(excluded.members.every((member) => member.allocated === 0)).toBe(true);
      expect(excluded.supply[0].supply).toBe(0);
    });

    it('gives everyone its pledge when supply covers demand', () => {
      const full = allocateCycle({ ...input, offers: [{ ...input.offers[0], confirmed: 10 }] });
      expect(full.members.map((member) => member.allocated)).toEqual([4, 4, 2]);
    });

    it('allocates nothing to pledges without a commitment nor to a commitment without pledges', () => {
      const result = allocateCycle({
        offers: [{ offerId: 'o', demand: 9, confirmed: 9, exportCap: null, excluded: false }],
        groupCommitments: [
          { offerId: 'o', consumerGroupId: 'g1', quantity: 5 },
          { offerId: 'o', consumerGroupId: 'g2', quantity: 4 },
        ],
        memberPledges: [
          { offerId: 'o', consumerGroupId: 'g2', memberId: 'm', quantity: 4 },
          { offerId: 'o', consumerGroupId: 'g3', memberId: 'n', quantity: 3 },
        ],
      });
      expect(result.groups).toEqual([
        { offerId: 'o', consumerGroupId: 'g1', committed: 5, allocated: 0 },
        { offerId: 'o', consumerGroupId: 'g2', committed: 4, allocated: 4 },
        { offerId: 'o', consumerGroupId: 'g3', committed: 0, allocated: 0 },
      ]);
      expect(result.members.map((member) => member.allocated)).toEqual([4, 0]);
    });

    it('rejects inconsistent lines', () => {
      const offers = input.offers;
      const line = { offerId: 'honey', consumerGroupId: 'g', quantity: 1 };
      expect(() => allocateCycle({ offers, groupCommitments: [line, line], memberPledges: [] })).toThrow(
        RangeError,
      );
      expect(() =>
        allocateCycle({ offers, groupCommitments: [{ ...line, offerId: 'nope' }], memberPledges: [] }),
      ).toThrow(RangeError);
      const pledge = { ...line, memberId: 'm' };
      expect(() =>
        allocateCycle({ offers, groupCommitments: [line], memberPledges: [pledge, pledge] }),
      ).toThrow(RangeError);
      expect(() =>
        allocateCycle({ offers, groupCommitments: [{ ...line, quantity: -1 }], memberPledges: [] }),
      ).toThrow(RangeError);
      expect(() =>
        allocateCycle({ offers: [...offers, ...offers], groupCommitments: [], memberPledges: [] }),
      ).toThrow(RangeError);
    });
  });

  describe('properties', () => {
    it('Σ members = group ≤ commitment, Σ groups = supply, allocations ≤ pledges, none to excluded offers', () => {
      fc.assert(
        fc.property(scenarioArb(), ({ input }) => {
          const result = allocateCycle(input);
          expect(brokenInvariants(input, result)).toEqual([]);
          expect(result.supply.filter((offer) => offer.allocated !== offer.supply)).toEqual([]);
        }),
        fcParameters({ numRuns: 500 }),
      );
    });

    it('keeps the structural invariants on inconsistent lines too', () => {
      fc.assert(
        fc.property(looseInputArb, (input) => {
          expect(brokenInvariants(input, allocateCycle(input))).toEqual([]);
        }),
        fcParameters({ numRuns: 500 }),
      );
    });

    it('gives every member exactly its pledge when supply covers demand', () => {
      fc.assert(
        fc.property(scenarioArb({ ample: true }), ({ input }) => {
          const result = allocateCycle(input);
          expect(result.members.filter((member) => member.allocated !== member.pledged)).toEqual([]);
          expect(result.groups.filter((group) => group.allocated !== group.committed)).toEqual([]);
        }),
        fcParameters({ numRuns: 300 }),
      );
    });

    it('gives the same output for the same lines in any order', () => {
      fc.assert(
        fc.property(
          scenarioArb().chain(({ input }) => fc.tuple(fc.constant(input), shuffledArb(input))),
          ([input, shuffled]) => {
            expect(allocateCycle(shuffled)).toEqual(allocateCycle(input));
          },
        ),
        fcParameters({ numRuns: 500 }),
      );
    });

    it('never gives a larger pledge (or commitment) fewer units than a smaller one beside it', () => {
      fc.assert(
        fc.property(scenarioArb(), ({ input }) => {
          const result = allocateCycle(input);
          const inversions: string[] = [];
          for (const x of result.members) {
            for (const y of result.members) {
              const sameGroup = x.offerId === y.offerId && x.consumerGroupId === y.consumerGroupId;
              if (sameGroup && x.pledged > y.pledged && x.allocated < y.allocated)
                inversions.push(x.memberId);
            }
          }
          for (const x of result.groups) {
            for (const y of result.groups) {
              if (x.offerId === y.offerId && x.committed > y.committed && x.allocated < y.allocated) {
                inversions.push(x.consumerGroupId);
              }
            }
          }
          expect(inversions).toEqual([]);
        }),
        fcParameters({ numRuns: 500 }),
      );
    });
  });
});
