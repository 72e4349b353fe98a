import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import {
  type PackingConsignment,
  type PackingInput,
  type PackingResult,
  type PackingVehicle,
  packConsignments,
} from './packing';
import { TRANSPORT_MODES, type TransportMode } from '../../logistics/domain/transport-modes';

const MODES: TransportMode[] = [...TRANSPORT_MODES];

function vehicle(vehicleId: string, capacityKg: number, mode: TransportMode = 'road'): PackingVehicle {
  return { vehicleId, transportOrganiserId: 'org', mode, capacityKg, costPerKmMinor: null };
}

function consignment(consumerGroupId: string, ...kgs: number[]): PackingConsignment {
  return {
    consumerGroupId,
    lines: kgs.map((grossKg, i) => ({ lineId: `o${i + 1}`, grossKg, netKg: grossKg, units: 1, packages: 1 })),
  };
}

function summary(result: PackingResult) {
  return result.loads.map((load) => ({
    vehicleId: load.vehicleId,
    grossKg: load.grossKg,
    groups: load.consignments.map((c) => `${c.consumerGroupId}:${c.lineIds.join('+')}`),
  }));
}

describe('packConsignments', () => {
  it('puts consignments whole, heaviest first, into the largest vehicles first', () => {
    const result = packConsignments({
      vehicles: [vehicle('small', 500), vehicle('big', 1000)],
      forbiddenModes: [],
      consignments: [consignment('g1', 100, 200.5), consignment('g2', 600), consignment('g3', 400)],
    });
    // g2 (600) → big (400 left); g3 (400) → big (0 left); g1 (300.5) → small.
    expect(summary(result)).toEqual([
      { vehicleId: 'big', grossKg: 1000, groups: ['g2:o1', 'g3:o1'] },
      { vehicleId: 'small', grossKg: 300.5, groups: ['g1:o1+o2'] },
    ]);
    expect(result.unplaced).toEqual([]);
    expect(result.unusedForbidden).toEqual([]);
  });

  it('never uses a vehicle of a forbidden mode, and reports it', () => {
    const result = packConsignments({
      vehicles: [vehicle('plane', 10_000, 'air'), vehicle('truck', 1000, 'road'), vehicle('jet', 1, 'air')],
      forbiddenModes: ['air'],
      consignments: [consignment('g1', 800)],
    });
    expect(summary(result)).toEqual([{ vehicleId: 'truck', grossKg: 800, groups: ['g1:o1'] }]);
    expect(result.unusedForbidden).toEqual(['jet', 'plane']);
  });

  it('splits by line only a consignment no vehicle can take whole', () => {
    const result = packConsignments({
      vehicles: [vehicle('a', 1000), vehicle('b', 1000)],
      forbiddenModes: [],
      consignments: [consignment('big', 700, 600, 300), consignment('g2', 900)],
    });
    // big (1600) fits no vehicle: it goes by line after g2 (900 → a).
    // Lines 700 → b (300 left), 600 → nowhere with room: unplaced, 300 → b.
    expect(summary(result)).toEqual([
      { vehicleId: 'a', grossKg: 900, groups: ['g2:o1'] },
      { vehicleId: 'b', grossKg: 1000, groups: ['big:o1+o3'] },
    ]);
    expect(result.unplaced).toEqual([
      { consumerGroupId: 'big', lineId: 'o2', grossKg: 600, grossGrams: 600_000, reason: 'no_capacity_left' },
    ]);
  });

  it('splits a consignment that fits an empty vehicle but found none with room left', () => {
    const result = packConsignments({
      vehicles: [vehicle('a', 1000), vehicle('b', 600)],
      forbiddenModes: [],
      consignments: [consignment('g1', 500), consignment('g2', 300, 300), consignment('g3', 500)],
    });
    // Whole: g2 (600) → a (400 left); g1 (500) → b (100 left); g3 (500) has no room anywhere.
    // By line: g3's only line (500) still finds no room.
    expect(summary(result)).toEqual([
      { vehicleId: 'a', grossKg: 600, groups: ['g2:o1+o2'] },
      { vehicleId: 'b', grossKg: 500, groups: ['g1:o1'] },
    ]);
    expect(result.unplaced.map((u) => [u.consumerGroupId, u.reason])).toEqual([['g3', 'no_capacity_left']]);
  });

  it('gives a reason for every line it cannot place', () => {
    expect(
      packConsignments({
        vehicles: [vehicle('a', 100)],
        forbiddenModes: [],
        consignments: [consignment('g1', 150, 50)],
      }).unplaced.map((u) => [u.lineId, u.reason]),
    ).toEqual([['o1', 'line_exceeds_capacity']]);
    expect(
      packConsignments({
        vehicles: [vehicle('a', 100, 'air')],
        forbiddenModes: ['air'],
        consignments: [consignment('g1', 1)],
      }).unplaced.map((u) => [u.lineId, u.reason]),
    ).toEqual([['o1', 'no_allowed_vehicle']]);
  });

  it('counts in grams: three-decimal weights fill a vehicle exactly', () => {
    const result = packConsignments({
      vehicles: [vehicle('a', 0.3)],
      forbiddenModes: [],
      consignments: [consignment('g1', 0.1), consignment('g2', 0.2)],
    });
    expect(summary(result)).toEqual([{ vehicleId: 'a', grossKg: 0.3, groups: ['g1:o1', 'g2:o1'] }]);
  });

  it('rejects duplicate ids and negative weights', () => {
    expect(() =>
      packConsignments({
        vehicles: [vehicle('a', 1), vehicle('a', 2)],
        forbiddenModes: [],
        consignments: [],
      }),
    ).toThrow(RangeError);
    expect(() =>
      packConsignments({ vehicles: [], forbiddenModes: [], consignments: [consignment('g', -1)] }),
    ).toThrow(RangeError);
  });
});

describe('packConsignments properties', () => {
  const grams = (max: number) => fc.integer({ min: 0, max }).map((g) => g / 1000);
  const inputArb: fc.Arbitrary<PackingInput> = fc.record({
    vehicles: fc
      .uniqueArray(
        fc.record({
          vehicleId: fc.string({ minLength: 1, maxLength: 3 }),
          mode: fc.constantFrom(...MODES),
          capacityKg: fc.oneof(grams(3_000_000), fc.constantFrom(1000, 500)),
        }),
        { selector: (v) => v.vehicleId, maxLength: 5 },
      )
      .map((vs) => vs.map((v) => ({ ...v, transportOrganiserId: 'org', costPerKmMinor: null }))),
    forbiddenModes: fc.subarray(MODES),
    consignments: fc.uniqueArray(
      fc.record({
        consumerGroupId: fc.string({ minLength: 1, maxLength: 3 }),
        lines: fc
          .uniqueArray(
            fc.record({
              lineId: fc.string({ minLength: 1, maxLength: 3 }),
              grossKg: fc.oneof(grams(800_000), fc.constantFrom(250, 500)),
            }),
            { selector: (l) => l.lineId, maxLength: 5 },
          )
          .map((ls) => ls.map((l) => ({ ...l, netKg: l.grossKg, units: 1, packages: 1 }))),
      }),
      { selector: (c) => c.consumerGroupId, maxLength: 7 },
    ),
  });

  const g = (kg: number) => Math.round(kg * 1000);

  it('loses no goods: every line is placed or unplaced, exactly once, with its weight', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = packConsignments(input);
        const seen: string[] = [];
        let outGrams = 0;
        for (const load of result.loads) {
          for (const c of load.consignments)
            seen.push(...c.lineIds.map((id) => JSON.stringify([c.consumerGroupId, id])));
        }
        for (const u of result.unplaced) {
          seen.push(JSON.stringify([u.consumerGroupId, u.lineId]));
          outGrams += u.grossGrams;
        }
        outGrams += result.loads.reduce((sum, load) => sum + load.grossGrams, 0);
        const expected = input.consignments.flatMap((c) =>
          c.lines.map((l) => JSON.stringify([c.consumerGroupId, l.lineId])),
        );
        expect(seen.sort()).toEqual(expected.sort());
        const inGrams = input.consignments.reduce(
          (s, c) => s + c.lines.reduce((t, l) => t + g(l.grossKg), 0),
          0,
        );
        expect(outGrams).toBe(inGrams);
      }),
      fcParameters(),
    );
  });

  it('loads weigh what their lines weigh and never pass a vehicle capacity', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = packConsignments(input);
        const lineGrams = new Map(
          input.consignments.flatMap((c) =>
            c.lines.map((l) => [`${c.consumerGroupId}\u0000${l.lineId}`, g(l.grossKg)]),
          ),
        );
        for (const load of result.loads) {
          const vehicle = input.vehicles.find((v) => v.vehicleId === load.vehicleId)!;
          expect(load.grossGrams).toBeLessThanOrEqual(g(vehicle.capacityKg));
          let sum = 0;
          for (const c of load.consignments) {
            const cGrams = c.lineIds.reduce(
              (s, id) => s + lineGrams.get(`${c.consumerGroupId}\u0000${id}`)!,
              0,
            );
            expect(c.grossGrams).toBe(cGrams);
            sum += cGrams;
          }
          expect(load.grossGrams).toBe(sum);
        }
      }),
      fcParameters(),
    );
  });

  it('never uses a forbidden mode and lists every forbidden vehicle', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = packConsignments(input);
        for (const load of result.loads) expect(input.forbiddenModes).not.toContain(load.mode);
        const forbidden = input.vehicles
          .filter((v) => input.forbiddenModes.includes(v.mode))
          .map((v) => v.vehicleId);
        expect([...result.unusedForbidden].sort()).toEqual(forbidden.sort());
      }),
      fcParameters(),
    );
  });

  it('splits a consignment only when, at its turn, no allowed vehicle had room for it whole', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = packConsignments(input);
        const weight = new Map(
          input.consignments.map((c) => [c.consumerGroupId, c.lines.reduce((s, l) => s + g(l.grossKg), 0)]),
        );
        // The order consignments are tried in: heaviest first, then consumerGroupId.
        const precedes = (x: string, y: string) =>
          weight.get(x)! > weight.get(y)! || (weight.get(x) === weight.get(y) && x < y);
        const placements = new Map<string, number>();
        for (const load of result.loads) {
          for (const c of load.consignments)
            placements.set(c.consumerGroupId, (placements.get(c.consumerGroupId) ?? 0) + 1);
        }
        const unplacedGroups = new Set(result.unplaced.map((u) => u.consumerGroupId));
        const isWhole = (group: string) => (placements.get(group) ?? 0) <= 1 && !unplacedGroups.has(group);
        for (const c of input.consignments) {
          if (isWhole(c.consumerGroupId)) continue;
          for (const v of input.vehicles.filter((v) => !input.forbiddenModes.includes(v.mode))) {
            const load = result.loads.find((l) => l.vehicleId === v.vehicleId);
            // Upper bound on what v carried when c was tried: the whole consignments before it.
            const before = (load?.consignments ?? [])
              .filter((d) => isWhole(d.consumerGroupId) && precedes(d.consumerGroupId, c.consumerGroupId))
              .reduce((s, d) => s + d.grossGrams, 0);
            expect(g(v.capacityKg) - before).toBeLessThan(weight.get(c.consumerGroupId)!);
          }
        }
      }),
      fcParameters(),
    );
  });

  it('never splits a consignment that fits the vehicles whole alongside all the others', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const allowed = input.vehicles.filter((v) => !input.forbiddenModes.includes(v.mode));
        const total = input.consignments.reduce(
          (s, c) => s + c.lines.reduce((t, l) => t + g(l.grossKg), 0),
          0,
        );
        fc.pre(allowed.some((v) => g(v.capacityKg) >= total));
        const result = packConsignments(input);
        expect(result.unplaced).toEqual([]);
        expect(result.loads.length).toBeLessThanOrEqual(1);
      }),
      fcParameters(),
    );
  });

  it('gives the same result whatever the order of vehicles, consignments and lines', () => {
    const permuted = inputArb.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.record({
          vehicles: fc.shuffledSubarray([...input.vehicles], { minLength: input.vehicles.length }),
          forbiddenModes: fc.shuffledSubarray([...input.forbiddenModes], {
            minLength: input.forbiddenModes.length,
          }),
          consignments: fc.shuffledSubarray(
            input.consignments.map((c) => ({ ...c })),
            { minLength: input.consignments.length },
          ),
        }),
      ),
    );
    fc.assert(
      fc.property(permuted, ([input, shuffled]) => {
        const reversedLines = {
          ...shuffled,
          consignments: shuffled.consignments.map((c) => ({ ...c, lines: [...c.lines].reverse() })),
        };
        expect(packConsignments(reversedLines)).toEqual(packConsignments(input));
      }),
      fcParameters(),
    );
  });
});
