import { randomUUID } from 'node:crypto';
import { gramsToKg, kgToGrams } from '../common/math/grams';
import { checkEmissions, checkTransportMode } from '../charter/domain/transport-rules';
import type { ViolationRow } from '../cycles/violations.repository';
import { co2eKg, gramsPerKg, routeTonneKm } from './domain/emissions';
import { packConsignments } from './domain/packing';
import { roundTo3 } from './domain/rounding';
import { orderStops } from './domain/routing';
import type { DispatchInput, PlacedLine, ShipmentRow, StopRow, UnplacedRow } from './dispatch.repository';

export interface ShipmentPlan {
  shipments: ShipmentRow[];
  stops: StopRow[];
  lines: PlacedLine[];
  unplaced: UnplacedRow[];
  violations: ViolationRow[];
}

/**
 * From the groups' consignments to shipments: packed into the vehicles the charter allows,
 * each used vehicle a shipment whose stops run nearest-next from the pickup point, with its
 * distance, tonne-km (goods count until they are unloaded), CO2e and cost. Forbidden vehicles
 * and shipments over the charter's emissions become violations; goods no vehicle could take
 * are listed, never dropped. Pure but for the shipment ids.
 */
export function planShipments(input: DispatchInput): ShipmentPlan {
  const packing = packConsignments({
    vehicles: input.vehicles,
    forbiddenModes: input.rules.forbiddenTransportModes ?? [],
    consignments: input.consignments,
  });
  const vehicles = new Map(input.vehicles.map((vehicle) => [vehicle.vehicleId, vehicle]));
  const netKgOf = new Map(
    input.consignments.flatMap((c) =>
      c.lines.map((line) => [`${c.consumerGroupId}|${line.lineId}`, line.netKg] as const),
    ),
  );
  const plan: ShipmentPlan = { shipments: [], stops: [], lines: [], unplaced: [], violations: [] };

  for (const vehicleId of packing.unusedForbidden) {
    const found = checkTransportMode(input.rules, vehicles.get(vehicleId)!.mode);
    if (found)
      plan.violations.push({ ...found, subjectType: 'vehicle', subjectId: vehicleId, capUnits: null });
  }
  for (const load of packing.loads) {
    const shipmentId = randomUUID();
    const route = orderStops(
      input.pickupPoint,
      load.consignments.map((c) => ({ ...input.dropPoints.get(c.consumerGroupId)!, id: c.consumerGroupId })),
    );
    const tonneKm = routeTonneKm(
      route.legs,
      new Map(load.consignments.map((c) => [c.consumerGroupId, c.grossKg])),
    );
    const co2e = co2eKg(load.mode, tonneKm);
    const emissions = checkEmissions(input.rules, gramsPerKg(co2e, load.grossKg));
    if (emissions)
      plan.violations.push({ ...emissions, subjectType: 'shipment', subjectId: shipmentId, capUnits: null });
    const netGrams = load.consignments
      .flatMap((c) =>
        c.lineIds.map((lineId) =>
          kgToGrams(netKgOf.get(`${c.consumerGroupId}|${lineId}`) ?? 0, 'net weight'),
        ),
      )
      .reduce((a, b) => a + b, 0);
    const costPerKm = vehicles.get(load.vehicleId)!.costPerKmMinor ?? 0;
    plan.shipments.push({
      id: shipmentId,
      transportOrganiserId: load.transportOrganiserId,
      vehicleId: load.vehicleId,
      mode: load.mode,
      netKg: gramsToKg(netGrams),
      grossKg: gramsToKg(load.grossGrams),
      distanceKm: roundTo3(route.routeKm),
      tonneKm: roundTo3(tonneKm),
      co2eKg: roundTo3(co2e),
      costMinor: Math.round(costPerKm * route.routeKm),
    });
    route.legs.forEach((leg, index) =>
      plan.stops.push({
        shipmentId,
        order: index + 1,
        consumerGroupId: leg.toId,
        distanceFromPreviousKm: roundTo3(leg.km),
      }),
    );
    for (const c of load.consignments) {
      for (const offerId of c.lineIds)
        plan.lines.push({ shipmentId, consumerGroupId: c.consumerGroupId, offerId });
    }
  }
  plan.unplaced = packing.unplaced.map((u) => ({
    consumerGroupId: u.consumerGroupId,
    offerId: u.lineId,
    grossKg: u.grossKg,
    reason: u.reason,
  }));
  return plan;
}
