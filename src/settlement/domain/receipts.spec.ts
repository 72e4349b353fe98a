import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { shareReceipts, shareShortfall } from './receipts';

describe('shareShortfall', () => {
  it('gives everyone its allocation when enough arrived, and reports the surplus', () => {
    expect(
      shareShortfall({
        offerId: 'o1',
        received: 12,
        allocations: [
          { memberId: 'b', allocated: 4 },
          { memberId: 'a', allocated: 6 },
        ],
      }),
    ).toEqual({
      offerId: 'o1',
      members: [
        { memberId: 'a', allocated: 6, received: 6 },
        { memberId: 'b', allocated: 4, received: 4 },
      ],
      shortfall: 0,
      surplus: 2,
    });
  });

  it('shares a shortfall pro rata by largest remainder', () => {
    // 7 of 10 arrived: quotas 3.5 (a, 5), 2.1 (b, 3), 1.4 (c, 2); floors 3 + 2 + 1 = 6, the last
    // unit to a (remainder 0.5).
    const result = shareShortfall({
      offerId: 'o1',
      received: 7,
      allocations: [
        { memberId: 'a', allocated: 5 },
        { memberId: 'b', allocated: 3 },
        { memberId: 'c', allocated: 2 },
      ],
    });
    expect(result.members.map((m) => m.received)).toEqual([4, 2, 1]);
    expect(result).toMatchObject({ shortfall: 3, surplus: 0 });
  });

  it('breaks a tie by the larger allocation, then the smaller memberId', () => {
    const share = (allocations: [string, number][], received: number) =>
      shareShortfall({
        offerId: 'o',
        received,
        allocations: allocations.map(([memberId, allocated]) => ({ memberId, allocated })),
      }).members.map((m) => `${m.memberId}=${m.received}`);
    expect(
      share(
        [
          ['b', 1],
          ['a', 1],
        ],
        1,
      ),
    ).toEqual(['a=1', 'b=0']);
    // 2 of 4: quotas 1 (x, 2), 0.5 (y, 1), 0.5 (z, 1): the remainders tie, y has the smaller id.
    expect(
      share(
        [
          ['z', 1],
          ['y', 1],
          ['x', 2],
        ],
        2,
      ),
    ).toEqual(['x=1', 'y=1', 'z=0']);
  });

  it('rejects a member listed twice and fractional units', () => {
    expect(() =>
      shareShortfall({
        offerId: 'o',
        received: 1,
        allocations: [
          { memberId: 'a', allocated: 1 },
          { memberId: 'a', allocated: 2 },
        ],
      }),
    ).toThrow(RangeError);
    expect(() => shareShortfall({ offerId: 'o', received: 0.5, allocations: [] })).toThrow(RangeError);
  });

  const allocationsArb = fc.uniqueArray(
    fc.record({ memberId: fc.string({ minLength: 1, maxLength: 3 }), allocated: fc.nat(1000) }),
    { selector: (a) => a.memberId, maxLength: 10 },
  );

  it('gives out min(received, Σ allocated), nobody above its allocation, nobody below 0', () => {
    fc.assert(
      fc.property(allocationsArb, fc.nat(12_000), (allocations, received) => {
        const result = shareShortfall({ offerId: 'o', received, allocations });
        const allocated = allocations.reduce((s, a) => s + a.allocated, 0);
        expect(result.members.reduce((s, m) => s + m.received, 0)).toBe(Math.min(received, allocated));
        for (const m of result.members) {
          expect(m.received).toBeGreaterThanOrEqual(0);
          expect(m.received).toBeLessThanOrEqual(m.allocated);
          if (received < allocated)
            expect(Math.abs(m.received - (received * m.allocated) / allocated)).toBeLessThan(1);
        }
        expect(result.shortfall - result.surplus).toBe(allocated - received);
      }),
      fcParameters(),
    );
  });

  it('does not depend on the order of the allocations', () => {
    const permuted = allocationsArb.chain((allocations) =>
      fc.tuple(
        fc.constant(allocations),
        fc.shuffledSubarray(allocations, { minLength: allocations.length }),
        fc.nat(12_000),
      ),
    );
    fc.assert(
      fc.property(permuted, ([allocations, shuffled, received]) => {
        expect(shareShortfall({ offerId: 'o', received, allocations: shuffled })).toEqual(
          shareShortfall({ offerId: 'o', received, allocations }),
        );
      }),
      fcParameters(),
    );
  });
});

describe('shareReceipts', () => {
  it('takes an unreported offer as nothing received and an unallocated one as surplus', () => {
    const result = shareReceipts(
      [{ offerId: 'o2', received: 3 }],
      [
        { memberId: 'a', offerId: 'o1', allocated: 2 },
        { memberId: 'b', offerId: 'o1', allocated: 1 },
      ],
    );
    expect(result).toEqual([
      {
        offerId: 'o1',
        members: [
          { memberId: 'a', allocated: 2, received: 0 },
          { memberId: 'b', allocated: 1, received: 0 },
        ],
        shortfall: 3,
        surplus: 0,
      },
      { offerId: 'o2', members: [], shortfall: 0, surplus: 3 },
    ]);
    expect(() =>
      shareReceipts(
        [
          { offerId: 'o', received: 1 },
          { offerId: 'o', received: 2 },
        ],
        [],
      ),
    ).toThrow(RangeError);
  });
});
