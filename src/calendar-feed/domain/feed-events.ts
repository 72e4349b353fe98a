import type { PersonLocale } from '../../notifications/domain/person-locale';
import type { CalendarEvent } from './ics';

/** One cycle of one of the user's seasons, as the feed shows it. */
export interface FeedCycle {
  cycleId: string;
  seasonName: string;
  month: string;
  locksAt: Date;
  confirmBy: Date;
  /** YYYY-MM-DD */
  loadingDate: string;
  pickupPoint: string;
}

import { RECEIPT_DUE_DAYS as DELIVERY_DAYS_AFTER_LOADING } from '../../seasons/domain/calendar';

interface FeedLabels {
  calendar: string;
  lock: string;
  confirm: string;
  loading: string;
  delivery: string;
  lockDetail: string;
}

/** {month} is the month in words, {season} the season's name, {place} the pickup point. */
const LABELS: Record<PersonLocale, FeedLabels> = {
  en: {
    calendar: 'Proxima deadlines',
    lock: '{season}: pledges for {month} close',
    confirm: '{season}: cooperatives confirm {month}',
    loading: '{season}: loading for {month} at {place}',
    delivery: '{season}: goods for {month} due at the drop points',
    lockDetail: 'Pledges can be changed until this moment; then the month is locked.',
  },
  fr: {
    calendar: 'Échéances Proxima',
    lock: '{season} : clôture des engagements de {month}',
    confirm: '{season} : confirmation des coopératives pour {month}',
    loading: '{season} : chargement de {month} à {place}',
    delivery: '{season} : marchandises de {month} attendues aux points de dépôt',
    lockDetail: 'Les engagements peuvent être modifiés jusqu’à ce moment ; ensuite le mois est clôturé.',
  },
  ar: {
    calendar: 'مواعيد بروكسيما',
    lock: '{season}: آخر أجل للالتزامات لشهر {month}',
    confirm: '{season}: تأكيد التعاونيات لشهر {month}',
    loading: '{season}: شحن سلع {month} في {place}',
    delivery: '{season}: وصول سلع {month} إلى نقاط التوزيع',
    lockDetail: 'يمكن تعديل الالتزامات حتى هذا الموعد، ثم يُغلق الشهر.',
  },
  nl: {
    calendar: 'Proxima-deadlines',
    lock: '{season}: bestellingen voor {month} sluiten',
    confirm: '{season}: coöperaties bevestigen {month}',
    loading: '{season}: laden voor {month} in {place}',
    delivery: '{season}: goederen voor {month} verwacht op de afhaalpunten',
    lockDetail: 'Bestellingen kunnen tot dit moment worden gewijzigd; daarna wordt de maand afgesloten.',
  },
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

export function monthInWords(month: string, locale: PersonLocale): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

export function feedName(locale: PersonLocale): string {
  return LABELS[locale].calendar;
}

/** Four events per cycle: the lock, the confirm-by, the loading day and the delivery day. */
export function feedEvents(cycles: FeedCycle[], locale: PersonLocale, host: string): CalendarEvent[] {
  const labels = LABELS[locale];
  return cycles.flatMap((cycle) => {
    const values = {
      season: cycle.seasonName,
      month: monthInWords(cycle.month, locale),
      place: cycle.pickupPoint,
    };
    const uid = (what: string) => `${cycle.cycleId}-${what}@${host}`;
    return [
      {
        uid: uid('lock'),
        summary: fill(labels.lock, values),
        description: labels.lockDetail,
        at: cycle.locksAt,
      },
      { uid: uid('confirm'), summary: fill(labels.confirm, values), at: cycle.confirmBy },
      { uid: uid('loading'), summary: fill(labels.loading, values), date: cycle.loadingDate },
      {
        uid: uid('delivery'),
        summary: fill(labels.delivery, values),
        date: addDays(cycle.loadingDate, DELIVERY_DAYS_AFTER_LOADING),
      },
    ];
  });
}
