/**
 * Minor units of currencies and exact conversion at a decimal exchange rate.
 *
 * Minor digits follow ISO 4217 (EUR 2, MAD 2, JPY 0, TND 3, …). A well-formed code missing from
 * the table is taken to have 2 minor digits, as the great majority of ISO 4217 currencies do; add
 * it to the table if it has 0, 3 or 4.
 *
 * Conversion is exact integer arithmetic on the rate's decimal digits (BigInt, no floating point),
 * rounded once, half up (away from zero; amounts are never negative): 0.5 of a minor unit goes up,
 * as a person checking a statement with a calculator expects.
 */

// prettier-ignore
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  // 0 digits
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // 3 digits
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // 4 digits
  CLF: 4, UYW: 4,
  // 2 digits, listed for the partnerships this serves most (the default is 2 anyway)
  EUR: 2, MAD: 2, DZD: 2, EGP: 2, MRU: 2, XCD: 2, USD: 2, GBP: 2, CHF: 2, CAD: 2, SEK: 2,
  NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2, RON: 2, BGN: 2, BRL: 2, INR: 2, CNY: 2, ZAR: 2,
};

export function minorDigits(currency: string): number {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  return MINOR_DIGITS[currency] ?? 2;
}

/** A positive decimal rate as digits × 10^-scale, e.g. "10.8532" → 108532n, 4. */
export interface DecimalRate {
  digits: bigint;
  scale: number;
}

export const MAX_RATE_DECIMALS = 10;

/**
 * A rate given as a decimal string ("10.8532") or a number whose shortest decimal form has at
 * most 10 decimals. Strings are preferred: they are what the season stores.
 */
export function parseExchangeRate(rate: string | number): DecimalRate {
  const text = typeof rate === 'number' ? numberToDecimal(rate) : rate.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`exchange rate "${rate}" is not a positive decimal number`);
  const decimals = match[2] ?? '';
  if (decimals.length > MAX_RATE_DECIMALS) {
    throw new RangeError(`exchange rate "${rate}" has more than ${MAX_RATE_DECIMALS} decimals`);
  }
  const digits = BigInt(match[1] + decimals);
  if (digits === 0n) throw new RangeError(`exchange rate must be above 0, got "${rate}"`);
  return { digits, scale: decimals.length };
}

/**
 * amountMinor (in a currency with fromDigits minor digits) × rate, in minor units of a currency
 * with toDigits minor digits, rounded half up.
 */
export function convertMinor(
  amountMinor: bigint,
  rate: DecimalRate,
  fromDigits: number,
  toDigits: number,
): bigint {
  if (amountMinor < 0n) throw new RangeError(`cannot convert a negative amount (${amountMinor})`);
  const numerator = amountMinor * rate.digits * 10n ** BigInt(toDigits);
  const denominator = 10n ** BigInt(rate.scale + fromDigits);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return 2n * remainder >= denominator ? quotient + 1n : quotient;
}

function numberToDecimal(rate: number): string {
  if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`exchange rate must be above 0, got ${rate}`);
  let text = String(rate);
  if (/e/i.test(text)) {
    // 1e-7 prints in exponent form; the fixed form is exact only if it reads back the same.
    text = rate.toFixed(MAX_RATE_DECIMALS).replace(/\.?0+$/, '');
    if (Number(text) !== rate)
      throw new RangeError(`exchange rate ${rate} has more than ${MAX_RATE_DECIMALS} decimals`);
  }
  return text;
}
