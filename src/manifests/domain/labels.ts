import type { Locale } from '../../logistics/domain/locales';
import type { TransportMode } from '../../logistics/domain/transport-modes';

/** Every word the CSV and PDF print, in the transport organiser's language. */
export interface ManifestLabels {
  title: string;
  number: string;
  version: string;
  issuedAt: string;
  cycle: string;
  name: string;
  address: string;
  season: string;
  partnership: string;
  cycleMonth: string;
  carrier: string;
  organiser: string;
  vehicle: string;
  mode: string;
  contact: string;
  loading: string;
  pickupPoint: string;
  loadingDate: string;
  senders: string;
  territory: string;
  certificates: string;
  none: string;
  goods: string;
  cooperative: string;
  product: string;
  hsCode: string;
  origin: string;
  certificate: string;
  packages: string;
  units: string;
  netKg: string;
  grossKg: string;
  stop: string;
  consignee: string;
  dropPoint: string;
  distanceFromPrevious: string;
  unloading: string;
  totals: string;
  transport: string;
  distanceKm: string;
  tonneKm: string;
  co2eKg: string;
  continued: string;
  modes: Record<TransportMode, string>;
  page: (page: number, pages: number) => string;
}

export const LABELS: Record<Locale, ManifestLabels> = {
  en: {
    title: 'Transport manifest',
    number: 'Manifest no.',
    version: 'Version',
    issuedAt: 'Issued',
    cycle: 'Cycle',
    name: 'Name',
    address: 'Address',
    season: 'Season',
    partnership: 'Partnership',
    cycleMonth: 'Month',
    carrier: 'Carrier',
    organiser: 'Transport organiser',
    vehicle: 'Vehicle',
    mode: 'Mode',
    contact: 'Contact',
    loading: 'Loading',
    pickupPoint: 'Pickup point',
    loadingDate: 'Loading date',
    senders: 'Senders',
    territory: 'Territory',
    certificates: 'Certificates',
    none: 'none',
    goods: 'Goods',
    cooperative: 'Cooperative',
    product: 'Product',
    hsCode: 'HS code',
    origin: 'Origin',
    certificate: 'Certificate',
    packages: 'Packages',
    units: 'Units',
    netKg: 'Net kg',
    grossKg: 'Gross kg',
    stop: 'Stop',
    consignee: 'Consignee',
    dropPoint: 'Drop point',
    distanceFromPrevious: 'Distance from previous stop',
    unloading: 'Unloading',
    totals: 'Totals',
    transport: 'Transport',
    distanceKm: 'Distance (km)',
    tonneKm: 'Tonne-km',
    co2eKg: 'CO2e (kg)',
    continued: 'continued',
    modes: { road: 'road', rail: 'rail', sea: 'sea', air: 'air' },
    page: (page, pages) => `page ${page} / ${pages}`,
  },
  fr: {
    title: 'Manifeste de transport',
    number: 'Manifeste n°',
    version: 'Version',
    issuedAt: 'Émis le',
    cycle: 'Cycle',
    name: 'Nom',
    address: 'Adresse',
    season: 'Saison',
    partnership: 'Partenariat',
    cycleMonth: 'Mois',
    carrier: 'Transporteur',
    organiser: 'Organisateur du transport',
    vehicle: 'Véhicule',
    mode: 'Mode',
    contact: 'Contact',
    loading: 'Chargement',
    pickupPoint: 'Point de collecte',
    loadingDate: 'Date de chargement',
    senders: 'Expéditeurs',
    territory: 'Territoire',
    certificates: 'Certificats',
    none: 'aucun',
    goods: 'Marchandises',
    cooperative: 'Coopérative',
    product: 'Produit',
    hsCode: 'Code SH',
    origin: 'Origine',
    certificate: 'Certificat',
    packages: 'Colis',
    units: 'Unités',
    netKg: 'Kg net',
    grossKg: 'Kg brut',
    stop: 'Arrêt',
    consignee: 'Destinataire',
    dropPoint: 'Point de livraison',
    distanceFromPrevious: "Distance depuis l'arrêt précédent",
    unloading: 'Déchargement',
    totals: 'Totaux',
    transport: 'Transport',
    distanceKm: 'Distance (km)',
    tonneKm: 'Tonnes-km',
    co2eKg: 'CO2e (kg)',
    continued: 'suite',
    modes: { road: 'route', rail: 'rail', sea: 'mer', air: 'air' },
    page: (page, pages) => `page ${page} sur ${pages}`,
  },
};

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

/**
 * `1,234.5` in English, `1 234,5` in French. French groups with a no-break space (U+00A0)
 * rather than Intl's narrow one (U+202F), which the PDF's standard fonts cannot draw.
 */
export function formatNumber(value: number, locale: Locale, maxFractionDigits = 3): string {
  const text = new Intl.NumberFormat(INTL_LOCALE[locale], {
    maximumFractionDigits: maxFractionDigits,
    useGrouping: true,
  }).format(value);
  return text.replace(/[\u202f\u2009]/g, '\u00a0');
}

/** A date (`YYYY-MM-DD` or a full ISO timestamp) as a day, read in UTC. */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** `2025-03` → `March 2025` / `mars 2025`. */
export function formatMonth(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}
