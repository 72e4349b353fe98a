import { minorDigits } from './currency';

/**
 * An amount in minor units as a decimal string with the currency's minor digits (ISO 4217,
 * see currency.ts): 12345 EUR → "123.45", 5 EUR → "0.05", 1200 JPY → "1200", 1 TND → "0.001".
 * Exact (string arithmetic on the integer), never through floating point.
 */
export function formatMinor(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`${amountMinor} is not a whole amount`);
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const text = String(Math.abs(amountMinor));
  if (digits === 0) return sign + text;
  const padded = text.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
