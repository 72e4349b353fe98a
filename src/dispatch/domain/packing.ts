/**
 * Packing the groups' consignments into the season's vehicles (dispatch, cycle step 5).
 *
 * Weights are counted in integer grams (kg × 1000, rounded to the nearest gram, as on the loading
 * list), so sums never drift; kg in the result are grams / 1000.
 *
 * Rules, in order:
 *   1. A vehicle whose mode the charter forbids is never used; it is listed in `unusedForbidden`
 *      so the caller stores a TRANSPORT_MODE violation against it.
 *   2. Allowed vehicles are tried in one fixed order: capacity descending, then vehicleId ascending
 *      (code-unit order). Filling the largest vehicles first keeps the number of shipments low.
 *   3. Whole consignments first: every consignment that fits in an empty allowed vehicle is placed
 *      whole, first-fit decreasing (heaviest first, ties by consumerGroupId ascending), into the
 *      first vehicle with room for all of it.
 *   4. Then by line, only for the consignments no vehicle can take whole: those heavier than every
 *      allowed vehicle, and those that fit an empty vehicle but found no vehicle with enough room
 *      left once the whole consignments were in. They are taken heaviest first (ties by
 *      consumerGroupId), and each one's lines heaviest first (ties by lineId) go into the first
 *      vehicle with room for the line. Lines are never split.
 *   5. A line no vehicle has room for is `unplaced`, with the reason; goods are never dropped.
 * Every sort has a total order on ids, so the result does not depend on the order of the input.
 */
import { compareCodeUnits } from '../../common/math/exact-arithmetic';
import { isTransportModeAllowed } from '../../charter/domain/transport-rules';
import type { TransportMode } from '../../logistics/domain/transport-modes';
import { gramsToKg, kgToGrams } from '../../common/math/grams';

export interface PackingVehicle {
  vehicleId: string;
  transportOrganiserId: string;
  mode: TransportMode;
  capacityKg: number;
  costPerKmMinor: number | null;
}

export interface PackingLine {
  /** Unique within its consignment, e.g. the offerId. */
  lineId: string;
  grossKg: number;
  netKg: number;
  units: number;
  packages: number;
}

export interface PackingConsignment {
  consumerGroupId: string;
  lines: PackingLine[];
}

export interface PackingInput {
  vehicles: readonly PackingVehicle[];
  forbiddenModes: readonly TransportMode[];
  consignments: readonly PackingConsignment[];
}

export interface LoadedConsignment {
  consumerGroupId: string;
  /** Ascending. */
  lineIds: string[];
  grossKg: number;
  grossGrams: number;
}

export interface VehicleLoad {
  vehicleId: string;
  transportOrganiserId: string;
  mode: TransportMode;
  capacityKg: number;
  /** By consumerGroupId ascending. */
  consignments: LoadedConsignment[];
  grossKg: number;
  grossGrams: number;
}

/**
 * no_allowed_vehicle: the season has no vehicle the charter allows;
 * line_exceeds_capacity: the line alone is heavier than every allowed vehicle;
 * no_capacity_left: the line would fit an empty allowed vehicle, but none has that much room left.
 */
export type UnplacedReason = 'no_allowed_vehicle' | 'line_exceeds_capacity' | 'no_capacity_left';

export interface UnplacedLine {
  consumerGroupId: string;
  lineId: string;
  grossKg: number;
  grossGrams: number;
  reason: UnplacedReason;
}

export interface PackingResult {
  /** Only vehicles that carry something, in the order vehicles are tried (rule 2). */
  loads: VehicleLoad[];
  /** By consumerGroupId, then lineId. */
  unplaced: UnplacedLine[];
  /** Vehicles not used because their mode is forbidden, by vehicleId ascending. */
  unusedForbidden: string[];
}

interface Bin {
  vehicle: PackingVehicle;
  capacity: number;
  room: number;
  /** consumerGroupId → line ids and grams. */
  carried: Map<string, { lineIds: string[]; grams: number }>;
}

interface Line {
  lineId: string;
  grams: number;
}

interface Consignment {
  consumerGroupId: string;
  lines: Line[];
  grams: number;
}

export function packConsignments(input: PackingInput): PackingResult {
  const rules = { forbiddenTransportModes: [...input.forbiddenModes] };
  const bins: Bin[] = [];
  const unusedForbidden: string[] = [];
  const vehicleIds = new Set<string>();
  for (const vehicle of input.vehicles) {
    if (vehicleIds.has(vehicle.vehicleId))
      throw new RangeError(`vehicle "${vehicle.vehicleId}" appears twice`);
    vehicleIds.add(vehicle.vehicleId);
    const capacity = kgToGrams(vehicle.capacityKg, `capacity of vehicle "${vehicle.vehicleId}"`);
    if (!isTransportModeAllowed(rules, vehicle.mode)) unusedForbidden.push(vehicle.vehicleId);
    else bins.push({ vehicle, capacity, room: capacity, carried: new Map() });
  }
  bins.sort((x, y) => y.capacity - x.capacity || compareCodeUnits(x.vehicle.vehicleId, y.vehicle.vehicleId));
  const largest = bins.length > 0 ? bins[0].capacity : -1;

  const consignments = toConsignments(input.consignments).sort(heaviestFirst);
  const byLine: Consignment[] = [];
  for (const consignment of consignments) {
    const bin = consignment.grams <= largest ? firstWithRoom(bins, consignment.grams) : undefined;
    if (bin) {
      for (const line of consignment.lines) load(bin, consignment.consumerGroupId, line);
    } else {
      byLine.push(consignment);
    }
  }

  const unplaced: UnplacedLine[] = [];
  for (const consignment of byLine) {
    for (const line of [...consignment.lines].sort(heaviestLineFirst)) {
      const bin = firstWithRoom(bins, line.grams);
      if (bin) {
        load(bin, consignment.consumerGroupId, line);
        continue;
      }
      const reason: UnplacedReason =
        bins.length === 0
          ? 'no_allowed_vehicle'
          : line.grams > largest
            ? 'line_exceeds_capacity'
            : 'no_capacity_left';
      unplaced.push({
        consumerGroupId: consignment.consumerGroupId,
        lineId: line.lineId,
        grossKg: gramsToKg(line.grams),
        grossGrams: line.grams,
        reason,
      });
    }
  }
  unplaced.sort(
    (x, y) => compareCodeUnits(x.consumerGroupId, y.consumerGroupId) || compareCodeUnits(x.lineId, y.lineId),
  );

  return {
    loads: bins.filter((bin) => bin.carried.size > 0).map(toLoad),
    unplaced,
    unusedForbidden: unusedForbidden.sort(compareCodeUnits),
  };
}

function toConsignments(consignments: readonly PackingConsignment[]): Consignment[] {
  const groups = new Set<string>();
  return consignments.map((consignment) => {
    const group = consignment.consumerGroupId;
    if (groups.has(group)) throw new RangeError(`consumer group "${group}" has two consignments`);
    groups.add(group);
    const lineIds = new Set<string>();
    let grams = 0;
    const lines = consignment.lines.map((line) => {
      if (lineIds.has(line.lineId))
        throw new RangeError(`line "${line.lineId}" appears twice for "${group}"`);
      lineIds.add(line.lineId);
      const lineGrams = kgToGrams(line.grossKg, `gross weight of line "${line.lineId}" for "${group}"`);
      grams += lineGrams;
      return { lineId: line.lineId, grams: lineGrams };
    });
    return { consumerGroupId: group, lines, grams };
  });
}

function heaviestFirst(x: Consignment, y: Consignment): number {
  return y.grams - x.grams || compareCodeUnits(x.consumerGroupId, y.consumerGroupId);
}

function heaviestLineFirst(x: Line, y: Line): number {
  return y.grams - x.grams || compareCodeUnits(x.lineId, y.lineId);
}

function firstWithRoom(bins: readonly Bin[], grams: number): Bin | undefined {
  return bins.find((bin) => bin.room >= grams);
}

function load(bin: Bin, consumerGroupId: string, line: Line): void {
  let carried = bin.carried.get(consumerGroupId);
  if (!carried) {
    carried = { lineIds: [], grams: 0 };
    bin.carried.set(consumerGroupId, carried);
  }
  carried.lineIds.push(line.lineId);
  carried.grams += line.grams;
  bin.room -= line.grams;
}

function toLoad(bin: Bin): VehicleLoad {
  const consignments = [...bin.carried.entries()]
    .sort(([x], [y]) => compareCodeUnits(x, y))
    .map(([consumerGroupId, carried]) => ({
      consumerGroupId,
      lineIds: [...carried.lineIds].sort(compareCodeUnits),
      grossKg: gramsToKg(carried.grams),
      grossGrams: carried.grams,
    }));
  const grossGrams = bin.capacity - bin.room;
  return {
    vehicleId: bin.vehicle.vehicleId,
    transportOrganiserId: bin.vehicle.transportOrganiserId,
    mode: bin.vehicle.mode,
    capacityKg: bin.vehicle.capacityKg,
    consignments,
    grossKg: gramsToKg(grossGrams),
    grossGrams,
  };
}
