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

export interface TransportViolation {
  rule: 'TRANSPORT_MODE' | 'TRANSPORT_EMISSIONS';
  severity: Severity;
  message: string;
  effect: 'skip_vehicle' | 'none';
}

export function isTransportModeAllowed(rules: CharterRules, mode: TransportMode): boolean {
  return !(rules.forbiddenTransportModes ?? []).includes(mode);
}

export function checkTransportMode(
  rules: CharterRules,
  vehicleMode: TransportMode,
): TransportViolation | null {
  if (isTransportModeAllowed(rules, vehicleMode)) return null;
  return {
    rule: 'TRANSPORT_MODE',
    severity: 'blocking',
    message:
      `Transport by ${vehicleMode} is forbidden by the charter (forbidden modes: ` +
      `${[...(rules.forbiddenTransportModes ?? [])].sort().join(', ')}); this vehicle is not used.`,
    effect: 'skip_vehicle',
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
  };
}

/** One decimal, rounded up, so a figure just above the maximum never reads as equal to it. */
function formatGrams(grams: number): string {
  return `${Math.ceil(grams * 10 - 1e-9) / 10}`;
}
