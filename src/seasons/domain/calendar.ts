/**
 * The season calendar: when each month's cycle locks, when cooperatives must have confirmed,
 * and the loading date, all computed in the consumer territory's IANA time zone. Pure
 * functions over plain data; the zone offset comes from `Intl.DateTimeFormat`, so daylight
 * saving time is taken from the runtime's time zone database.
 */

export interface SeasonCalendar {
  /** Day of the month before delivery at whose end pledges lock (past the month's end: its last day). */
  lockDay: number;
  /** Local calendar days after the lock that cooperatives have to confirm. */
  confirmationDays: number;
  /** Day of the delivery month the goods are loaded (past the month's end: its last day). */
  loadingDay: number;
}

/**
 * Days after the loading date by which the goods are due at the drop points and the groups
 * should have recorded what arrived (cycle.receipt_due, GET /me, the calendar feed).
 */
export const RECEIPT_DUE_DAYS = 3;

export const DEFAULT_CALENDAR: SeasonCalendar = { lockDay: 10, confirmationDays: 5, loadingDay: 1 };

export interface CycleDates {
  month: string;
  locksAt: Date;
  confirmBy: Date;
  /** `YYYY-MM-DD` */
  loadingDate: string;
}

interface LocalDate {
  year: number;
  month: number; // 1..12
  day: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function parseMonth(month: string): { year: number; month: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

function formatMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `delta` months after `month` (negative: before). */
export function addMonths(month: string, delta: number): string {
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + delta;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** Every month from `first` to `last`, both included; empty when `last` is before `first`. */
export function monthsBetween(first: string, last: string): string[] {
  const a = parseMonth(first);
  const b = parseMonth(last);
  const count = (b.year - a.year) * 12 + (b.month - a.month) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addMonths(first, i));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Normalises day overflow (the 32nd of January is the 1st of February). */
function calendarDate(year: number, month: number, day: number): LocalDate {
  const date = new Date(Date.UTC(year, month - 1, day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The local wall-clock reading at `instant`, as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's offset from UTC at `instant`, in milliseconds (Brussels in summer: +2 h). */
export function zoneOffset(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

/**
 * The instant the local calendar day `date` begins in `timeZone`: local midnight, or, where a
 * daylight-saving gap swallows midnight, the first instant after the gap; where midnight
 * happens twice, the first one.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  const before = zoneOffset(wall - DAY, timeZone);
  const after = zoneOffset(wall + DAY, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => wallClock(t, timeZone) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // Midnight falls in a gap: the day begins at the transition, found to the minute.
  let low = Math.min(wall - before, wall - after);
  let high = Math.max(wall - before, wall - after);
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (wallClock(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/**
 * The dates of the cycle that delivers in `month`:
 * - `locksAt`: the end of `lockDay` of the month before (local midnight starting the next day);
 * - `confirmBy`: `confirmationDays` local calendar days after `locksAt` (same wall-clock time,
 *   so a daylight-saving change in between shortens or lengthens it by an hour);
 * - `loadingDate`: `loadingDay` of the delivery month.
 * Days past a month's end mean its last day.
 */
export function cycleDates(
  month: string,
  timeZone: string,
  calendar: SeasonCalendar = DEFAULT_CALENDAR,
): CycleDates {
  const delivery = parseMonth(month);
  const previous = parseMonth(addMonths(month, -1));
  const lockDay = Math.min(calendar.lockDay, daysInMonth(previous.year, previous.month));
  const lockEnds = calendarDate(previous.year, previous.month, lockDay + 1);
  const confirmEnds = calendarDate(lockEnds.year, lockEnds.month, lockEnds.day + calendar.confirmationDays);
  const loadingDay = Math.min(calendar.loadingDay, daysInMonth(delivery.year, delivery.month));
  return {
    month,
    locksAt: startOfLocalDay(lockEnds, timeZone),
    confirmBy: startOfLocalDay(confirmEnds, timeZone),
    loadingDate: `${month}-${String(loadingDay).padStart(2, '0')}`,
  };
}

/** The cycles of a season, one per month from `firstMonth` to `lastMonth`. */
export function seasonCycleDates(
  firstMonth: string,
  lastMonth: string,
  timeZone: string,
  calendar: SeasonCalendar,
): CycleDates[] {
  return monthsBetween(firstMonth, lastMonth).map((month) => cycleDates(month, timeZone, calendar));
}
