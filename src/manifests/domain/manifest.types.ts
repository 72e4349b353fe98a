import type { Locale } from '../../logistics/domain/locales';
import type { TransportMode } from '../../logistics/domain/transport-modes';
import type { DocumentWarning, ShipmentDocuments } from './border-documents';

/**
 * A transport manifest as issued for one shipment: everything the JSON, CSV and PDF renderings
 * print, so the three are generated from one object and cannot disagree. Weights are kg,
 * distances km, dates ISO 8601.
 */
export interface Manifest {
  /** `MAN-YYYYMM-NNNN`, unique. */
  number: string;
  version: number;
  /** ISO 8601 timestamp. */
  issuedAt: string;
  season: NamedRef;
  partnership: NamedRef;
  /** `YYYY-MM`. */
  cycleMonth: string;
  carrier: ManifestCarrier;
  loading: ManifestLoading;
  senders: ManifestSender[];
  stops: ManifestStop[];
  lines: ManifestLine[];
  totals: ManifestQuantities;
  distanceKm: number;
  tonneKm: number;
  co2eKg: number;
  /** What co2eKg covers: well-to-wheel, the standard, the factors' source and year. */
  emissions: ManifestEmissions;
  /** Proof of origin and phytosanitary certificate, as entered by PUT /shipments/:id/documents. */
  documents: ShipmentDocuments;
  /** Documents the route requires that the shipment does not have yet. */
  documentWarnings: DocumentWarning[];
  locale: Locale;
}

export interface ManifestEmissions {
  scope: 'well-to-wheel';
  standard: string;
  source: string;
  year: number;
  gramsCo2ePerTonneKm: number;
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface ManifestPlace {
  name: string;
  address: string;
  latitude: number;
  longitude: number;
}

export interface ManifestCarrier {
  transportOrganiserId: string;
  name: string;
  vehicle: { id: string; name: string; mode: TransportMode };
  contactEmail: string;
}

export interface ManifestLoading {
  pickupPoint: ManifestPlace;
  /** `YYYY-MM-DD`. */
  date: string;
}

export interface ManifestSender {
  cooperativeId: string;
  name: string;
  territory: string;
  countryCode: string;
  certificateNumbers: string[];
}

export interface ManifestQuantities {
  packages: number;
  units: number;
  netKg: number;
  grossKg: number;
}

/** What one stop unloads of one cooperative's product. */
export interface ManifestUnloadingLine extends ManifestQuantities {
  cooperativeId: string;
  productId: string;
  productName: string;
}

export interface ManifestStop {
  /** 1-based, in driving order from the pickup point. */
  order: number;
  consumerGroupId: string;
  consignee: { name: string; dropPoint: ManifestPlace; contactEmail: string; countryCode: string };
  distanceFromPreviousKm: number;
  unloading: ManifestUnloadingLine[];
}

/** One cooperative's product on the shipment, all stops together. */
export interface ManifestLine extends ManifestQuantities {
  cooperativeId: string;
  productId: string;
  productName: string;
  hsCode: string;
  /** ISO 3166-1 alpha-2. */
  originCountry: string;
  /** The certificate number the goods travel under, or null when uncertified. */
  certificate: string | null;
  /** Organic (the cooperative holds an organic or PGS certificate valid on the loading date). */
  organic: boolean;
  /** The certificate of inspection issued in TRACES for this line (`COI.EU.MA.2026.0001234`). */
  coiNumber: string | null;
  /** The control body that issued it (`MA-BIO-154`). */
  controlBody: string | null;
}
