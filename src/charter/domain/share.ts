/**
 * Shares (0..1) are compared in integer ten-thousandths: the charter and the cooperatives state
 * them with at most four decimals, and 0.29 × 100 = 28.999999999999996 in floating point would
 * otherwise cost a unit. A share with more decimals is rounded to the nearest ten-thousandth.
 */
export const SHARE_SCALE = 10_000;

export function toTenThousandths(share: number, what: string): number {
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new RangeError(`${what} must be between 0 and 1, got ${share}`);
  }
  return Math.round(share * SHARE_SCALE);
}

/** 3333 → 0.3333, the share the facts give. */
export function fromTenThousandths(tenThousandths: number): number {
  return tenThousandths / SHARE_SCALE;
}

/** 3333 → "33.33%". */
export function formatShare(tenThousandths: number): string {
  return `${tenThousandths / 100}%`;
}
