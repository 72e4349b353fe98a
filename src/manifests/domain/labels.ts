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
  documents: string;
  proofOfOrigin: string;
  eur1: string;
  originDeclaration: string;
  phytosanitary: string;
  emissionsScope: string;
  wellToWheel: string;
  coi: string;
  controlBody: string;
  missing: string;
  warnings: string;
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
    documents: 'Border documents',
    proofOfOrigin: 'Proof of origin',
    eur1: 'EUR.1 movement certificate',
    originDeclaration: 'Origin declaration, exporter REX',
    phytosanitary: 'Phytosanitary certificate',
    emissionsScope: 'CO2e scope',
    wellToWheel: 'well-to-wheel',
    coi: 'Certificate of inspection (COI)',
    controlBody: 'Control body',
    missing: 'missing',
    warnings: 'Documents still required',
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
    documents: 'Documents de passage en frontière',
    proofOfOrigin: "Preuve de l'origine",
    eur1: 'Certificat de circulation EUR.1',
    originDeclaration: "Déclaration d'origine, exportateur REX",
    phytosanitary: 'Certificat phytosanitaire',
    emissionsScope: 'Périmètre CO2e',
    wellToWheel: 'du puits à la roue',
    coi: "Certificat d'inspection (COI)",
    controlBody: 'Organisme de contrôle',
    missing: 'manquant',
    warnings: 'Documents encore requis',
    modes: { road: 'route', rail: 'rail', sea: 'mer', air: 'air' },
    page: (page, pages) => `page ${page} sur ${pages}`,
  },
};

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale and option set for the process: building one costs more than using it. */
function numberFormat(locale: Locale, maxFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${maxFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], {
      maximumFractionDigits: maxFractionDigits,
      useGrouping: true,
    });
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: Locale, kind: 'day' | 'month'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      INTL_LOCALE[locale],
      kind === 'day'
        ? { dateStyle: 'long', timeZone: 'UTC' }
        : { month: 'long', year: 'numeric', timeZone: 'UTC' },
    );
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * `1,234.5` in English, `1 234,5` in French. French groups with a no-break space (U+00A0)
 * rather than Intl's narrow one (U+202F), which the PDF's standard fonts cannot draw.
 */
export function formatNumber(value: number, locale: Locale, maxFractionDigits = 3): string {
  return numberFormat(locale, maxFractionDigits)
    .format(value)
    .replace(/[\u202f\u2009]/g, '\u00a0');
}

/** A date (`YYYY-MM-DD` or a full ISO timestamp) as a day, read in UTC. */
export function formatDate(iso: string, locale: Locale): string {
  return dateFormat(locale, 'day').format(new Date(iso));
}

/** `2025-03` → `March 2025` / `mars 2025`. */
export function formatMonth(month: string, locale: Locale): string {
  return dateFormat(locale, 'month').format(new Date(`${month}-01T00:00:00Z`));
}
