/**
 * Display rounding. Distances, tonne-km and CO2e are computed unrounded and rounded once, where
 * they are shown or stored, to three decimals (a metre, a kilogram-km, a gram), half away from
 * zero. Totals are rounded from exact sums, never summed from rounded parts.
 */
export function roundTo3(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4) return 0;
  if (magnitude >= 1e15) return value;
  // Shift the decimal point in the shortest decimal string, not by × 1000: 1.0005 is stored as
  // 1.000499999…, and 1.0005 × 1000 would round down. toPrecision(15) drops binary noise first.
  const shifted = Number(`${Number(magnitude.toPrecision(15))}e3`);
  const rounded = Number(`${Math.round(shifted)}e-3`);
  return value < 0 ? -rounded : rounded;
}
