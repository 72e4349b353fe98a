import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import {
  addMonths,
  cycleDates,
  DEFAULT_CALENDAR,
  monthsBetween,
  parseMonth,
  seasonCycleDates,
  startOfLocalDay,
  zoneOffset,
} from './calendar';

const iso = (date: Date) => date.toISOString();

describe('monthsBetween', () => {
  it('lists both ends and crosses years', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsBetween('2026-05', '2026-04')).toEqual([]);
  });

  it('addMonths goes both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-03', 24)).toBe('2028-03');
  });

  it('rejects what is not a month', () => {
    expect(() => parseMonth('2026-13')).toThrow(RangeError);
    expect(() => parseMonth('26-01')).toThrow(RangeError);
  });
});

describe('cycleDates in Europe/Brussels around the change to summer time (2026-03-29)', () => {
  it('a February–May season with the default calendar', () => {
    const dates = seasonCycleDates('2026-02', '2026-05', 'Europe/Brussels', DEFAULT_CALENDAR);
    expect(dates.map((d) => [d.month, iso(d.locksAt), iso(d.confirmBy), d.loadingDate])).toEqual([
      ['2026-02', '2026-01-10T23:00:00.000Z', '2026-01-15T23:00:00.000Z', '2026-02-01'],
      // locks at the end of 10 March, still CET (+01:00)
      ['2026-03', '2026-02-10T23:00:00.000Z', '2026-02-15T23:00:00.000Z', '2026-03-01'],
      ['2026-04', '2026-03-10T23:00:00.000Z', '2026-03-15T23:00:00.000Z', '2026-04-01'],
      // locks at the end of 10 April, CEST (+02:00)
      ['2026-05', '2026-04-10T22:00:00.000Z', '2026-04-15T22:00:00.000Z', '2026-05-01'],
    ]);
  });

  it('lock days either side of the change', () => {
    const calendar = { lockDay: 28, confirmationDays: 0, loadingDay: 1 };
    expect(iso(cycleDates('2026-04', 'Europe/Brussels', calendar).locksAt)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(cycleDates('2026-04', 'Europe/Brussels', { ...calendar, lockDay: 29 }).locksAt)).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });

  it('counts confirmation days in local days, so the week of the change is an hour short', () => {
    const dates = cycleDates('2026-04', 'Europe/Brussels', {
      lockDay: 25,
      confirmationDays: 5,
      loadingDay: 1,
    });
    expect(iso(dates.locksAt)).toBe('2026-03-25T23:00:00.000Z');
    expect(iso(dates.confirmBy)).toBe('2026-03-30T22:00:00.000Z');
    expect(dates.confirmBy.getTime() - dates.locksAt.getTime()).toBe((5 * 24 - 1) * 3_600_000);
  });

  it('and the week of the change back to winter time an hour long', () => {
    const dates = cycleDates('2026-11', 'Europe/Brussels', {
      lockDay: 24,
      confirmationDays: 5,
      loadingDay: 31,
    });
    expect(iso(dates.locksAt)).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(dates.confirmBy)).toBe('2026-10-29T23:00:00.000Z');
    expect(dates.loadingDate).toBe('2026-11-30');
  });
});

describe('cycleDates in Africa/Casablanca (UTC+1, UTC+0 during Ramadan: 2026-02-15 to 2026-03-22)', () => {
  it('follows the Ramadan offset', () => {
    const march = cycleDates('2026-03', 'Africa/Casablanca');
    expect([iso(march.locksAt), iso(march.confirmBy)]).toEqual([
      '2026-02-10T23:00:00.000Z',
      '2026-02-16T00:00:00.000Z',
    ]);
    const april = cycleDates('2026-04', 'Africa/Casablanca');
    expect([iso(april.locksAt), iso(april.confirmBy)]).toEqual([
      '2026-03-11T00:00:00.000Z',
      '2026-03-16T00:00:00.000Z',
    ]);
    const may = cycleDates('2026-05', 'Africa/Casablanca');
    expect(iso(may.locksAt)).toBe('2026-04-10T23:00:00.000Z');
  });
});

describe('lock day 31 in February', () => {
  const calendar = { lockDay: 31, confirmationDays: 5, loadingDay: 31 };

  it('means 28 February in a common year', () => {
    const dates = cycleDates('2026-03', 'Europe/Brussels', calendar);
    expect(iso(dates.locksAt)).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(dates.confirmBy)).toBe('2026-03-05T23:00:00.000Z');
    expect(dates.loadingDate).toBe('2026-03-31');
  });

  it('means 29 February in a leap year', () => {
    const dates = cycleDates('2028-03', 'Europe/Brussels', calendar);
    expect(iso(dates.locksAt)).toBe('2028-02-29T23:00:00.000Z');
    expect(cycleDates('2028-02', 'Europe/Brussels', calendar).loadingDate).toBe('2028-02-29');
    expect(cycleDates('2026-02', 'Europe/Brussels', calendar).loadingDate).toBe('2026-02-28');
  });
});

describe('startOfLocalDay where midnight does not exist', () => {
  it('begins at the transition (America/Santiago, 2026-09-06 00:00 → 01:00)', () => {
    expect(iso(startOfLocalDay({ year: 2026, month: 9, day: 6 }, 'America/Santiago'))).toBe(
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('Asia/Beirut, 2026-03-29 00:00 → 01:00', () => {
    expect(iso(startOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Asia/Beirut'))).toBe(
      '2026-03-28T22:00:00.000Z',
    );
  });

  it('zoneOffset reads the offset at an instant', () => {
    expect(zoneOffset(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Brussels')).toBe(3_600_000);
    expect(zoneOffset(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Brussels')).toBe(7_200_000);
  });
});

describe('calendar properties', () => {
  const zones = fc.constantFrom(
    'Europe/Brussels',
    'Africa/Casablanca',
    'America/Santiago',
    'Asia/Beirut',
    'Pacific/Auckland',
    'UTC',
  );
  const month = fc
    .record({ year: fc.integer({ min: 2000, max: 2060 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month: m }) => `${year}-${String(m).padStart(2, '0')}`);
  const calendar = fc.record({
    lockDay: fc.integer({ min: 1, max: 31 }),
    confirmationDays: fc.integer({ min: 0, max: 28 }),
    loadingDay: fc.integer({ min: 1, max: 31 }),
  });

  it('locksAt strictly increases from month to month', () => {
    fc.assert(
      fc.property(month, zones, calendar, (first, zone, cal) => {
        const dates = seasonCycleDates(first, addMonths(first, 23), zone, cal);
        for (let i = 1; i < dates.length; i += 1)
          expect(dates[i].locksAt.getTime()).toBeGreaterThan(dates[i - 1].locksAt.getTime());
      }),
      fcParameters({ numRuns: 60 }),
    );
  });

  it('locksAt is never after the delivery month begins locally (before it unless the lock day is the last)', () => {
    fc.assert(
      fc.property(month, zones, calendar, (m, zone, cal) => {
        const { year, month: mm } = parseMonth(m);
        const monthStarts = startOfLocalDay({ year, month: mm, day: 1 }, zone).getTime();
        const { locksAt } = cycleDates(m, zone, cal);
        const previous = parseMonth(addMonths(m, -1));
        const lastDay = new Date(Date.UTC(previous.year, previous.month, 0)).getUTCDate();
        if (cal.lockDay >= lastDay) expect(locksAt.getTime()).toBe(monthStarts);
        else expect(locksAt.getTime()).toBeLessThan(monthStarts);
      }),
      fcParameters({ numRuns: 300 }),
    );
  });

  it('confirmBy is not before locksAt and the loading date is in the delivery month', () => {
    fc.assert(
      fc.property(month, zones, calendar, (m, zone, cal) => {
        const dates = cycleDates(m, zone, cal);
        expect(dates.confirmBy.getTime()).toBeGreaterThanOrEqual(dates.locksAt.getTime());
        expect(dates.loadingDate.slice(0, 7)).toBe(m);
        expect(Number.isNaN(Date.parse(`${dates.loadingDate}T00:00:00Z`))).toBe(false);
      }),
      fcParameters({ numRuns: 300 }),
    );
  });

  it('locksAt is the first instant of a local day: midnight, or the end of a gap that swallows it', () => {
    // Casablanca skipped midnight on 2011-04-03 (00:00 → 01:00): that day begins at 01:00.
    const wall = (t: number, zone: string) => t + zoneOffset(t, zone);
    fc.assert(
      fc.property(
        month,
        fc.constantFrom('Europe/Brussels', 'Africa/Casablanca', 'UTC'),
        calendar,
        (m, zone, cal) => {
          const at = cycleDates(m, zone, cal).locksAt.getTime();
          const now = wall(at, zone);
          const minuteBefore = wall(at - 60_000, zone);
          // A minute earlier it was still the previous local day…
          expect(Math.floor(minuteBefore / 86_400_000)).toBe(Math.floor(now / 86_400_000) - 1);
          // …and the day begins at midnight, unless the clock jumped over midnight to here.
          if (now % 86_400_000 !== 0) expect(minuteBefore % 86_400_000).toBeGreaterThan(now % 86_400_000);
        },
      ),
      fcParameters({ numRuns: 200 }),
    );
    const gapDay = cycleDates('2011-05', 'Africa/Casablanca', {
      lockDay: 2,
      confirmationDays: 0,
      loadingDay: 1,
    }).locksAt;
    expect(wall(gapDay.getTime(), 'Africa/Casablanca') % 86_400_000).toBe(3_600_000);
  });
});
