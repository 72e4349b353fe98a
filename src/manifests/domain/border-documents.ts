/**
 * The papers a shipment needs at the border, and which of them it still lacks. Pure.
 *
 * Formats (checked on entry, see docs/PAPERWORK.md):
 * - COI: the reference TRACES NT gives a certificate of inspection,
 *   `COI.EU.<country of dispatch>.<year>.<7 digits>`, e.g. `COI.EU.MA.2026.0001234`;
 * - control body: the code the EU gives a recognised control body or authority,
 *   `<country>-BIO-<2 or 3 digits>`, e.g. `MA-BIO-154`, `BE-BIO-01`;
 * - REX number: the exporter's registration, `<country>REX<national identifier>`, e.g.
 *   `SNREX1234567890`;
 * - EUR.1: the serial number printed on the movement certificate, 5 to 20 letters, digits,
 *   spaces, `/`, `.` or `-`;
 * - phytosanitary certificate: its number, 3 to 40 of the same characters.
 */
export const COI_NUMBER = /^COI\.EU\.[A-Z]{2}\.20\d{2}\.\d{7}$/;
export const CONTROL_BODY = /^[A-Z]{2}-BIO-\d{2,3}$/;
export const REX_NUMBER = /^[A-Z]{2}REX[A-Z0-9]{1,30}$/;
export const EUR1_NUMBER = /^[A-Z0-9][A-Z0-9 ./-]{3,18}[A-Z0-9]$/;
export const PHYTOSANITARY_NUMBER = /^[A-Z0-9][A-Z0-9 ./-]{1,38}[A-Z0-9]$/;

/** EU member states (ISO 3166-1 alpha-2), where EU origin rules and organic import controls apply. */
export const EU_COUNTRIES: ReadonlySet<string> = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

/**
 * HS chapters of plant products that enter the EU with a phytosanitary certificate
 * (Regulation (EU) 2019/2072, Annex XI, in broad strokes): live plants (06), vegetables (07),
 * fruit and nuts (08), coffee, tea and spices (09), cereals (10), seeds (12) and plant materials
 * (14). Processed goods (oils of chapter 15, preparations of 20) do not.
 */
export const PLANT_CHAPTERS: ReadonlySet<string> = new Set(['06', '07', '08', '09', '10', '12', '14']);

export type ProofOfOrigin =
  { kind: 'eur1'; number: string } | { kind: 'origin_declaration'; exporterRexNumber: string; text: string };

export interface ShipmentDocuments {
  proofOfOrigin: ProofOfOrigin | null;
  phytosanitaryCertificateNumber: string | null;
}

export type DocumentWarningCode = 'PROOF_OF_ORIGIN_MISSING' | 'COI_MISSING' | 'PHYTOSANITARY_MISSING';

export interface DocumentWarning {
  code: DocumentWarningCode;
  /** The goods line's cooperative and product, for a COI. */
  cooperativeId?: string;
  productId?: string;
  message: string;
}

export interface RouteFacts {
  /** Countries the goods come from (the senders'). */
  originCountries: string[];
  /** The consumer territory's country. */
  destinationCountry: string;
  lines: {
    cooperativeId: string;
    productId: string;
    productName: string;
    hsCode: string;
    organic: boolean;
    coiNumber: string | null;
  }[];
}

/** A crossing into the EU from outside it. */
export function entersEu(route: Pick<RouteFacts, 'originCountries' | 'destinationCountry'>): boolean {
  return (
    EU_COUNTRIES.has(route.destinationCountry) &&
    route.originCountries.some((country) => !EU_COUNTRIES.has(country))
  );
}

export function isPlantProduct(hsCode: string): boolean {
  return PLANT_CHAPTERS.has(hsCode.replace(/\D/g, '').slice(0, 2));
}

/** What the route requires that the shipment does not have yet; empty inside the EU. */
export function missingDocuments(route: RouteFacts, documents: ShipmentDocuments): DocumentWarning[] {
  if (!entersEu(route)) return [];
  const warnings: DocumentWarning[] = [];
  if (!documents.proofOfOrigin)
    warnings.push({
      code: 'PROOF_OF_ORIGIN_MISSING',
      message:
        'goods entering the EU need a proof of origin (EUR.1 number, or an origin declaration with a REX number)',
    });
  for (const line of route.lines)
    if (line.organic && !line.coiNumber)
      warnings.push({
        code: 'COI_MISSING',
        cooperativeId: line.cooperativeId,
        productId: line.productId,
        message: `organic "${line.productName}" needs a certificate of inspection (COI) issued in TRACES`,
      });
  const plants = route.lines.filter((line) => isPlantProduct(line.hsCode));
  if (plants.length > 0 && !documents.phytosanitaryCertificateNumber)
    warnings.push({
      code: 'PHYTOSANITARY_MISSING',
      message: `plant products (${[...new Set(plants.map((line) => line.productName))].join(', ')}) need a phytosanitary certificate`,
    });
  return warnings;
}
