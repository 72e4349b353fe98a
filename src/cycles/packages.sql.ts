/**
 * Whole packages of `units` sale units in packs of `packSize`, the last one possibly partly
 * filled: ceil(units / packSize), in SQL. The same formula as `packagesFor`
 * (cycles/domain/package-count.ts), which the cycle tests compare the loading list with.
 */
export function packagesSql(units: string, packSize: string): string {
  return `ceil(${units}::numeric / ${packSize})`;
}
