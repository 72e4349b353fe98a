/**
 * A shipment's tonne-km and CO2e (dispatch, cycle step 5), and the charter's emissions check.
 *
 * Factors, in grams CO2e per tonne-km, **well-to-wheel** (WTW) as ISO 14083:2023 and the GLEC
 * Framework v3 ask: the fuel's production and supply (well-to-tank, WTT) plus its use in the
 * vehicle (tank-to-wheel, TTW), for every mode alike. TTW from the UK government "Greenhouse gas
 * reporting: conversion factors 2023" (DESNZ), sheet "Freighting goods"; WTT from the same
 * edition, sheet "WTT- delivery vehs & freight", same rows. Per mode (g CO2e / t·km):
 *   road  TTW 107 + WTT 26 = 133    HGV (all diesel), All HGVs, average laden
 *   rail  TTW  28 + WTT  7 =  35    Freight train
 *   sea   TTW  16 + WTT  3 =  19    Cargo ship, Container ship, Average
 *   air   TTW 1130 + WTT 140 = 1270 Freight flights, long-haul, with radiative forcing (on TTW)
 * See docs/EMISSIONS.md for the sources, the scope and how to update the factors.
 *
 * Nothing here is rounded; round for display only (roundTo3: three decimals for km, t·km, kg).
 */
import type { CharterRules } from '../../charter/domain/charter-rules.types';
import type { TransportMode } from '../../logistics/domain/transport-modes';
import { checkEmissions, type TransportViolation } from '../../charter/domain/transport-rules';
import {
  EMISSION_FACTORS_SOURCE,
  EMISSIONS_SCOPE,
  GRAMS_CO2E_PER_TONNE_KM,
} from '../../logistics/domain/emission-factors';
import { kgToGrams } from '../../common/math/grams';

export { EMISSION_FACTORS_SOURCE, EMISSIONS_SCOPE, GRAMS_CO2E_PER_TONNE_KM };

/** Tonnes carried × km: grossKg / 1000 × km (one destination, or the whole load over the whole route). */
export function tonneKm(grossKg: number, km: number): number {
  assertNonNegative(grossKg, 'gross weight (kg)');
  assertNonNegative(km, 'distance (km)');
  return (grossKg * km) / 1000;
}

/**
 * Tonne-km of a multi-stop route: Σ over the legs of the tonnes still on board × the leg's km, so
 * goods stop counting where they are unloaded. `unloadedKg` gives each stop's goods (gross kg);
 * everything is on board at the origin. Weights are summed in integer grams.
 */
export function routeTonneKm(
  legs: readonly { toId: string; km: number }[],
  unloadedKg: ReadonlyMap<string, number>,
): number {
  const gramsAt = new Map<string, number>();
  let onBoard = 0;
  for (const [stopId, kg] of unloadedKg) {
    const grams = kgToGrams(kg, `goods unloaded at stop "${stopId}"`);
    gramsAt.set(stopId, grams);
    onBoard += grams;
  }
  let gramKm = 0;
  for (const leg of legs) {
    assertNonNegative(leg.km, `distance to stop "${leg.toId}" (km)`);
    gramKm += onBoard * leg.km;
    onBoard -= gramsAt.get(leg.toId) ?? 0;
  }
  return gramKm / 1_000_000;
}

/** kg CO2e for that many tonne-km by that mode. */
export function co2eKg(mode: TransportMode, tonneKilometres: number): number {
  assertNonNegative(tonneKilometres, 'tonne-km');
  const factor = GRAMS_CO2E_PER_TONNE_KM[mode];
  if (factor === undefined) throw new RangeError(`unknown transport mode "${mode}"`);
  return (tonneKilometres * factor) / 1000;
}

/** g CO2e per kg of goods; 0 when nothing is carried. */
export function gramsPerKg(co2eKilograms: number, grossKg: number): number {
  assertNonNegative(co2eKilograms, 'CO2e (kg)');
  assertNonNegative(grossKg, 'gross weight (kg)');
  return grossKg === 0 ? 0 : (co2eKilograms * 1000) / grossKg;
}

export interface ShipmentEmissions {
  tonneKm: number;
  co2eKg: number;
  gramsPerKg: number;
}

/** The three figures of a shipment at once, unrounded. */
export function shipmentEmissions(mode: TransportMode, grossKg: number, km: number): ShipmentEmissions {
  const tkm = tonneKm(grossKg, km);
  const co2e = co2eKg(mode, tkm);
  return { tonneKm: tkm, co2eKg: co2e, gramsPerKg: gramsPerKg(co2e, grossKg) };
}

/**
 * TRANSPORT_EMISSIONS: a warning when the shipment emits more than the charter's
 * maxEmissionsGramsPerKg per kg of goods (the unrounded figure is compared). The rule itself is
 * the charter's (charter/domain/transport-rules.ts); this only feeds it a shipment.
 */
export function checkShipmentEmissions(
  rules: CharterRules,
  emissions: Pick<ShipmentEmissions, 'gramsPerKg'>,
): TransportViolation | null {
  return checkEmissions(rules, emissions.gramsPerKg);
}

function assertNonNegative(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be ≥ 0, got ${value}`);
}
