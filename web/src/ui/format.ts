import { useTranslation } from 'react-i18next';
import { intlLocale } from '../app/i18n';

/** The browser's time zone: where the person reading the screen is. */
export const userTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Digits after the decimal point of a currency (EUR 2, XOF 0, MAD 2), as Intl knows it. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** `Intl` formatters in the current language: numbers, money from minor units, dates, time left. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  return {
    locale,
    number: (value: number, options?: Intl.NumberFormatOptions) =>
      new Intl.NumberFormat(locale, options).format(value),
    money: (minor: number, currency: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
        minor / 10 ** minorDigits(currency),
      ),
    kg: (value: number) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 2 }).format(
        value,
      ),
    dateTime: (iso: string, timeZone = userTimeZone()) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(
        new Date(iso),
      ),
    /** A day of the calendar (`2027-01-01`) as that day, wherever the reader is: "January 1, 2027". */
    date: (iso: string, dateStyle: 'long' | 'full' = 'long') =>
      new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }).format(new Date(iso)),
    /** A season month `2027-03` as "March 2027". */
    month: (month: string) =>
      new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      ),
    /** Time from now to `iso` in its largest whole unit: "in 2 days", "in 3 hours", "5 minutes ago". */
    timeLeft: (iso: string, now = Date.now()) => {
      const seconds = (new Date(iso).getTime() - now) / 1000;
      const units: [Intl.RelativeTimeFormatUnit, number][] = [
        ['day', 86_400],
        ['hour', 3_600],
        ['minute', 60],
      ];
      const [unit, size] = units.find(([, length]) => Math.abs(seconds) >= length) ?? ['minute', 60];
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(
        Math.trunc(seconds / size),
        unit,
      );
    },
    /** A time zone's name in the current language ("Central European Standard Time"). */
    zoneName: (timeZone: string, iso: string) =>
      new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
        .formatToParts(new Date(iso))
        .find((part) => part.type === 'timeZoneName')?.value ?? timeZone,
  };
}

/**
 * A name from the data (a unit, a product) put inside a sentence of another direction: first
 * strong isolate … pop directional isolate, so "1 l bottle" stays in its order in Arabic.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;
