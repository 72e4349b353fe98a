import { EMISSIONS_SCOPE, GRAMS_CO2E_PER_TONNE_KM } from '../../logistics/domain/emission-factors';
import type { Locale } from '../../logistics/domain/locales';
import type { TransportMode } from '../../logistics/domain/transport-modes';
import { missingDocuments, type ShipmentDocuments } from './border-documents';
import type { Manifest, ManifestLine, ManifestQuantities, ManifestSender } from './manifest.types';

/** The shipment, its cycle, season, carrier, pickup point and border documents: one row. */
export interface ManifestHeadRow {
  seasonId: string;
  seasonName: string;
  partnershipId: string;
  partnershipName: string;
  month: string;
  loadingDate: string;
  organiserId: string;
  organiserName: string;
  contactEmail: string;
  locale: Locale;
  vehicleId: string;
  vehicleName: string;
  mode: TransportMode;
  pickupName: string;
  pickupAddress: string;
  pickupLatitude: number;
  pickupLongitude: number;
  consumerCountry: string;
  eur1Number: string | null;
  originDeclaration: string | null;
  exporterRexNumber: string | null;
  phytosanitaryNumber: string | null;
  distanceKm: number;
  tonneKm: number;
  co2eKg: number;
}

/** A cooperative with goods aboard, its certificates valid on the loading day and their body. */
export interface ManifestSenderRow extends ManifestSender {
  controlBody: string | null;
}

export interface ManifestStopRow {
  order: number;
  consumerGroupId: string;
  distanceFromPreviousKm: number;
  name: string;
  contactEmail: string;
  dropName: string;
  dropAddress: string;
  dropLatitude: number;
  dropLongitude: number;
  countryCode: string;
}

/** One shipment line: a cooperative's product for one consumer group. */
export interface UnloadingRow extends ManifestQuantities {
  consumerGroupId: string;
  cooperativeId: string;
  productId: string;
  productName: string;
  hsCode: string;
}

/** A certificate of inspection (COI) recorded for a cooperative's product on this shipment. */
export interface ManifestCertificateRow {
  cooperativeId: string;
  productId: string;
  coiNumber: string;
  controlBody: string;
}

/** What `ManifestsRepository.manifestRows` reads for one shipment. */
export interface ManifestRows {
  head: ManifestHeadRow;
  senders: ManifestSenderRow[];
  stops: ManifestStopRow[];
  unloading: UnloadingRow[];
  certificates: ManifestCertificateRow[];
}

export interface ManifestIssue {
  number: string;
  version: number;
  issuedAt: Date;
}

const grams = (kg: number) => Math.round(kg * 1000);

/** Sums quantities in whole grams, so that totals are exact to the gram. */
export function sumQuantities(rows: ManifestQuantities[]): ManifestQuantities {
  const total = rows.reduce(
    (acc, row) => ({
      packages: acc.packages + row.packages,
      units: acc.units + row.units,
      net: acc.net + grams(row.netKg),
      gross: acc.gross + grams(row.grossKg),
    }),
    { packages: 0, units: 0, net: 0, gross: 0 },
  );
  return {
    packages: total.packages,
    units: total.units,
    netKg: total.net / 1000,
    grossKg: total.gross / 1000,
  };
}

const productKey = (row: { cooperativeId: string; productId: string }) =>
  `${row.cooperativeId}|${row.productId}`;

/**
 * A cooperative's product is one manifest line, summed over the groups it goes to, with its
 * origin, organic certificate and, where the border needs one, its COI and control body.
 */
function manifestLines(rows: ManifestRows): ManifestLine[] {
  const coiOf = new Map(rows.certificates.map((c) => [productKey(c), c]));
  const senderOf = new Map(rows.senders.map((sender) => [sender.cooperativeId, sender]));
  const byProduct = new Map<string, UnloadingRow[]>();
  for (const row of rows.unloading)
    byProduct.set(productKey(row), [...(byProduct.get(productKey(row)) ?? []), row]);
  return [...byProduct.values()].map((lines) => {
    const [first] = lines;
    const sender = senderOf.get(first.cooperativeId);
    const coi = coiOf.get(productKey(first));
    return {
      cooperativeId: first.cooperativeId,
      productId: first.productId,
      productName: first.productName,
      hsCode: first.hsCode,
      originCountry: sender?.countryCode ?? '',
      certificate: sender?.certificateNumbers[0] ?? null,
      organic: (sender?.certificateNumbers.length ?? 0) > 0,
      coiNumber: coi?.coiNumber ?? null,
      controlBody: coi?.controlBody ?? sender?.controlBody ?? null,
      ...sumQuantities(lines),
    };
  });
}

function shipmentDocuments(head: ManifestHeadRow): ShipmentDocuments {
  return {
    proofOfOrigin: head.eur1Number
      ? { kind: 'eur1', number: head.eur1Number }
      : head.originDeclaration
        ? {
            kind: 'origin_declaration',
            // PUT /shipments/:id/documents takes no declaration without the exporter's REX number.
            exporterRexNumber: head.exporterRexNumber ?? '',
            text: head.originDeclaration,
          }
        : null,
    phytosanitaryCertificateNumber: head.phytosanitaryNumber ?? null,
  };
}

/** The manifest document of one shipment, from its rows: what the JSON, CSV and PDF print. */
export function buildManifest(rows: ManifestRows, issue: ManifestIssue): Manifest {
  const { head } = rows;
  const senders: ManifestSender[] = rows.senders.map(({ controlBody: _body, ...sender }) => sender);
  const lines = manifestLines(rows);
  const documents = shipmentDocuments(head);
  return {
    number: issue.number,
    version: issue.version,
    issuedAt: issue.issuedAt.toISOString(),
    season: { id: head.seasonId, name: head.seasonName },
    partnership: { id: head.partnershipId, name: head.partnershipName },
    cycleMonth: head.month,
    carrier: {
      transportOrganiserId: head.organiserId,
      name: head.organiserName,
      vehicle: { id: head.vehicleId, name: head.vehicleName, mode: head.mode },
      contactEmail: head.contactEmail,
    },
    loading: {
      pickupPoint: {
        name: head.pickupName,
        address: head.pickupAddress,
        latitude: head.pickupLatitude,
        longitude: head.pickupLongitude,
      },
      date: head.loadingDate,
    },
    senders,
    stops: rows.stops.map((stop) => ({
      order: stop.order,
      consumerGroupId: stop.consumerGroupId,
      consignee: {
        name: stop.name,
        dropPoint: {
          name: stop.dropName,
          address: stop.dropAddress,
          latitude: stop.dropLatitude,
          longitude: stop.dropLongitude,
        },
        contactEmail: stop.contactEmail,
        countryCode: stop.countryCode,
      },
      distanceFromPreviousKm: stop.distanceFromPreviousKm,
      unloading: rows.unloading
        .filter((row) => row.consumerGroupId === stop.consumerGroupId)
        .map(({ cooperativeId, productId, productName, packages, units, netKg, grossKg }) => ({
          cooperativeId,
          productId,
          productName,
          packages,
          units,
          netKg,
          grossKg,
        })),
    })),
    lines,
    totals: sumQuantities(lines),
    distanceKm: head.distanceKm,
    tonneKm: head.tonneKm,
    co2eKg: head.co2eKg,
    emissions: { ...EMISSIONS_SCOPE, gramsCo2ePerTonneKm: GRAMS_CO2E_PER_TONNE_KM[head.mode] },
    documents,
    documentWarnings: missingDocuments(
      {
        originCountries: rows.senders.map((sender) => sender.countryCode),
        destinationCountry: head.consumerCountry,
        lines,
      },
      documents,
    ),
    locale: head.locale,
  };
}
