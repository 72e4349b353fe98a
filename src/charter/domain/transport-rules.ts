/**
 * The charter's transport rules, checked at dispatch for each vehicle (mode) and shipment
 * (emissions). They return what is wrong without a subject: the dispatch stage knows the vehicle
 * or shipment and stores the violation against it.
 *
 * TRANSPORT_MODE (blocking): the vehicle's mode is forbidden, so the vehicle is not used.
 * TRANSPORT_EMISSIONS (warning): the shipment emits more CO2e per kg of goods than the maximum.
 */
import type { TransportMode } from '../../logistics/domain/transport-modes';
import type { CharterRules, Severity } from './charter-rules.types';

/** The plain values each transport rule's message is built from (see CharterViolationFacts). */
export interface TransportViolationFacts {
  /** `forbiddenModes`: the charter's, sorted. */
  TRANSPORT_MODE: { mode: TransportMode; forbiddenModes: TransportMode[] };
  /** Grams of CO2e per kg of goods, rounded up to the tenth as the message says it; the charter's maximum. */
  TRANSPORT_EMISSIONS: { gramsPerKg: number; maxGramsPerKg: number };
}

export type TransportViolation = {
  [R in keyof TransportViolationFacts]: {
    rule: R;
    severity: Severity;
    message: string;
    effect: 'skip_vehicle' | 'none';
    facts: TransportViolationFacts[R];
  };
}[keyof TransportViolationFacts];

export function isTransportModeAllowed(rules: CharterRules, mode: TransportMode): boolean {
  return !(rules.forbiddenTransportModes ?? []).includes(mode);
}

export function checkTransportMode(
  rules: CharterRules,
  vehicleMode: TransportMode,
): TransportViolation | null {
  if (isTransportModeAllowed(rules, vehicleMode)) return null;
  const forbiddenModes = [...(rules.forbiddenTransportModes ?? [])].sort();
  return {
    rule: 'TRANSPORT_MODE',
    severity: 'blocking',
    message:
      `Transport by ${vehicleMode} is forbidden by the charter (forbidden modes: ` +
      `${forbiddenModes.join(', ')}); this vehicle is not used.`,
    effect: 'skip_vehicle',
    facts: { mode: vehicleMode, forbiddenModes },
  };
}

export function checkEmissions(rules: CharterRules, gramsPerKg: number): TransportViolation | null {
  const maximum = rules.maxEmissionsGramsPerKg;
  if (maximum === undefined || !(gramsPerKg > maximum)) return null;
  return {
    rule: 'TRANSPORT_EMISSIONS',
    severity: 'warning',
    message:
      `This shipment emits ${formatGrams(gramsPerKg)} g CO2e per kg of goods, above the charter's maximum of ` +
      `${formatGrams(maximum)} g per kg.`,
    effect: 'none',
    facts: { gramsPerKg: roundedUpGrams(gramsPerKg), maxGramsPerKg: maximum },
  };
}

/** One decimal, rounded up, so a figure just above the maximum never reads as equal to it. */
function roundedUpGrams(grams: number): number {
  return Math.ceil(grams * 10 - 1e-9) / 10;
}

function formatGrams(grams: number): string {
  return `${roundedUpGrams(grams)}`;
}
