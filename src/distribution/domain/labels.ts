import type { PersonLocale } from '../../notifications/domain/person-locale';

/** Every word the distribution list's PDF prints, in the coordinator's language. */
export interface DistributionLabels {
  title: string;
  season: string;
  month: string;
  dropPoint: string;
  recordedOn: string;
  member: string;
  goods: string;
  toHandOver: string;
  packs: string;
  handedOver: string;
  allocated: string;
  received: string;
  surplus: string;
  totals: string;
  members: string;
  units: string;
  left: string;
  shortOnArrival: string;
  nothing: string;
  page: string;
  continued: string;
}

export const DISTRIBUTION_LABELS: Record<PersonLocale, DistributionLabels> = {
  en: {
    title: 'Distribution list',
    season: 'Season',
    month: 'Month',
    dropPoint: 'Drop point',
    recordedOn: 'Delivery recorded on',
    member: 'Member',
    goods: 'Goods',
    toHandOver: 'To hand over',
    packs: 'Packs',
    handedOver: 'Handed over',
    allocated: 'Allocated',
    received: 'Received',
    surplus: 'Surplus (not allocated)',
    totals: 'Group totals',
    members: 'Members',
    units: 'Units',
    left: 'has left the group',
    shortOnArrival: 'short on arrival, allocated',
    nothing: 'Nothing arrived for this group.',
    page: 'Page',
    continued: 'continued',
  },
  fr: {
    title: 'Liste de distribution',
    season: 'Saison',
    month: 'Mois',
    dropPoint: 'Point de dépôt',
    recordedOn: 'Livraison enregistrée le',
    member: 'Membre',
    goods: 'Produits',
    toHandOver: 'À remettre',
    packs: 'Colis',
    handedOver: 'Remis',
    allocated: 'Alloué',
    received: 'Reçu',
    surplus: 'Surplus (non alloué)',
    totals: 'Totaux du groupe',
    members: 'Membres',
    units: 'Unités',
    left: 'a quitté le groupe',
    shortOnArrival: 'manquant à l’arrivée, alloué',
    nothing: 'Rien n’est arrivé pour ce groupe.',
    page: 'Page',
    continued: 'suite',
  },
  nl: {
    title: 'Verdeellijst',
    season: 'Seizoen',
    month: 'Maand',
    dropPoint: 'Afhaalpunt',
    recordedOn: 'Levering geregistreerd op',
    member: 'Lid',
    goods: 'Producten',
    toHandOver: 'Af te geven',
    packs: 'Pakken',
    handedOver: 'Afgegeven',
    allocated: 'Toegewezen',
    received: 'Ontvangen',
    surplus: 'Overschot (niet toegewezen)',
    totals: 'Totalen van de groep',
    members: 'Leden',
    units: 'Eenheden',
    left: 'heeft de groep verlaten',
    shortOnArrival: 'tekort bij aankomst, toegewezen',
    nothing: 'Er is niets aangekomen voor deze groep.',
    page: 'Pagina',
    continued: 'vervolg',
  },
  ar: {
    title: 'قائمة التوزيع',
    season: 'الموسم',
    month: 'الشهر',
    dropPoint: 'نقطة التسليم',
    recordedOn: 'سُجّل الاستلام في',
    member: 'العضو',
    goods: 'المنتجات',
    toHandOver: 'للتسليم',
    packs: 'العبوات',
    handedOver: 'سُلّم',
    allocated: 'المخصَّص',
    received: 'المستلَم',
    surplus: 'فائض (غير مخصَّص)',
    totals: 'مجاميع المجموعة',
    members: 'الأعضاء',
    units: 'الوحدات',
    left: 'غادر المجموعة',
    shortOnArrival: 'نقص عند الوصول، المخصَّص',
    nothing: 'لم يصل أي شيء لهذه المجموعة.',
    page: 'صفحة',
    continued: 'تابع',
  },
};

const INTL_LOCALE: Record<PersonLocale, string> = {
  en: 'en-GB',
  fr: 'fr-BE',
  nl: 'nl-BE',
  // Western digits: the ones Moroccan and Belgian paperwork use alike.
  ar: 'ar-u-nu-latn',
};

/** Grouped digits; French's narrow no-break space made a plain one the PDF's fonts draw. */
export function formatQuantity(value: number, locale: PersonLocale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 0 })
    .format(value)
    .replace(/[\u202f\u2009]/g, '\u00a0');
}

/** `2026-03` → `March 2026`, `mars 2026`, `maart 2026`, `مارس 2026`. */
export function formatMonth(month: string, locale: PersonLocale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A timestamp as a day in the drop point's time zone. */
export function formatDay(iso: string, locale: PersonLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone }).format(new Date(iso));
}

/** `2 × 6 + 3`: whole packs of the pack size and the units beyond them; just the units for packs of 1. */
export function formatPacking(
  line: { packs: number; looseUnits: number; packSize: number },
  locale: PersonLocale,
): string {
  if (line.packSize === 1) return formatQuantity(line.packs, locale);
  const packs = line.packs > 0 ? `${formatQuantity(line.packs, locale)} × ${line.packSize}` : '';
  const loose = line.looseUnits > 0 ? formatQuantity(line.looseUnits, locale) : '';
  return [packs, loose].filter(Boolean).join(' + ') || '0';
}
