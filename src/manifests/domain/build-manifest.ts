import { gramsToKg, kgToGrams } from '../../common/math/grams';
import type { Locale } from '../../logistics/domain/locales';
import type { TransportMode } from '../../logistics/domain/transport-modes';
import type { Manifest, ManifestLine, ManifestQuantities, ManifestSender } from './manifest.types';

/** The shipment, its cycle, season, partnership, carrier, vehicle and pickup point: one row. */
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
  distanceKm: number;
  tonneKm: number;
  co2eKg: number;
}

/** A stop in driving order, with its group's drop point. */
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
}

/** What one stop unloads of one cooperative's product, ordered by product name, then cooperative. */
export interface ManifestUnloadingRow extends ManifestQuantities {
  consumerGroupId: string;
  cooperativeId: string;
  productId: string;
  productName: string;
  hsCode: string;
}

/** What the manifests repository reads for one shipment. */
export interface ManifestRows {
  head: ManifestHeadRow;
  /** The cooperatives with goods on the shipment, with the certificates valid on the loading date. */
  senders: ManifestSender[];
  stops: ManifestStopRow[];
  unloading: ManifestUnloadingRow[];
}

/** Sums quantities in whole grams, so that totals are exact to the gram. */
function sum(rows: ManifestQuantities[]): ManifestQuantities {
  const total = rows.reduce(
    (acc, row) => ({
      packages: acc.packages + row.packages,
      units: acc.units + row.units,
      net: acc.net + kgToGrams(row.netKg, 'net weight'),
      gross: acc.gross + kgToGrams(row.grossKg, 'gross weight'),
    }),
    { packages: 0, units: 0, net: 0, gross: 0 },
  );
  return {
    packages: total.packages,
    units: total.units,
    netKg: gramsToKg(total.net),
    grossKg: gramsToKg(total.gross),
  };
}

/**
 * The manifest document of a shipment from its rows: one line per cooperative and product (all
 * stops together, in the order the unloading rows come), each stop's unloading list, totals
 * summed in grams. `number` and `version` are the manifest's; `issuedAt` is when it is issued.
 */
export function buildManifest(
  rows: ManifestRows & { number: string; version: number },
  issuedAt: Date,
): Manifest {
  const { head, senders, stops, unloading } = rows;
  const senderOf = new Map(senders.map((sender) => [sender.cooperativeId, sender]));
  const byProduct = new Map<string, ManifestUnloadingRow[]>();
  for (const row of unloading) {
    const key = `${row.cooperativeId}|${row.productId}`;
    byProduct.set(key, [...(byProduct.get(key) ?? []), row]);
  }
  const lines: ManifestLine[] = [...byProduct.values()].map((productRows) => {
    const [first] = productRows;
    const sender = senderOf.get(first.cooperativeId);
    return {
      cooperativeId: first.cooperativeId,
      productId: first.productId,
      productName: first.productName,
      hsCode: first.hsCode,
      originCountry: sender?.countryCode ?? '',
      certificate: sender?.certificateNumbers[0] ?? null,
      ...sum(productRows),
    };
  });
  return {
    number: rows.number,
    version: rows.version,
    issuedAt: issuedAt.toISOString(),
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
    stops: stops.map((stop) => ({
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
      },
      distanceFromPreviousKm: stop.distanceFromPreviousKm,
      unloading: unloading
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
    totals: sum(lines),
    distanceKm: head.distanceKm,
    tonneKm: head.tonneKm,
    co2eKg: head.co2eKg,
    locale: head.locale,
  };
}
