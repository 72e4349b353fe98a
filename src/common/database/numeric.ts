import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL `numeric` and `bigint` come back from the driver as strings (they may not fit a
 * JavaScript number); the columns that use this transformer hold values that do.
 */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
