/**
 * bigint (and numeric) come back from the pg driver as text, since they may not fit a
 * JavaScript number. The sums the API answers with (units, packages, commitments) stay far
 * below 2⁵³, so repositories turn them into numbers here, at their edge, and the API keeps
 * JSON numbers; a value that would lose precision is an error, never a silent rounding.
 */
export function safeInteger(value: string | number, what: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`${what} is not a safe integer: ${value}`);
  return number;
}

export function safeIntegerOrNull(value: string | number | null, what: string): number | null {
  return value === null ? null : safeInteger(value, what);
}

/** Each row with the named columns made numbers (safeInteger), the others as they are. */
export function withIntegers<T extends object>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
): T[] {
  return rows.map((row) => {
    const copy = { ...row } as Record<string, unknown>;
    for (const column of columns) {
      const value = copy[column] as string | number | null;
      copy[column] = safeIntegerOrNull(value, column);
    }
    return copy as T;
  });
}
