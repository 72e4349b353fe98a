import type { Locale } from '../../logistics/entities/transport-organiser.entity';
import type {
  Manifest,
  ManifestLine,
  ManifestQuantities,
  ManifestSender,
  ManifestStop,
  ManifestUnloadingLine,
} from './manifest.types';

export interface ManifestFixtureOptions {
  lines?: number;
  stops?: number;
  locale?: Locale;
  seed?: number;
}

interface FixtureProduct {
  name: string;
  hsCode: string;
  unitNetKg: number;
  unitGrossKg: number;
  packSize: number;
}

// Names with accents, commas and quotes on purpose: the renderings must carry them intact.
const SENDERS: ManifestSender[] = [
  {
    cooperativeId: 'coop-ait-ourir',
    name: 'Coopérative Aït Ourir',
    territory: 'Haouz',
    countryCode: 'MA',
    certificateNumbers: ['MA-BIO-154-2025', 'PGS-HZ-0042'],
  },
  {
    cooperativeId: 'coop-amandiers',
    name: 'Coop "Les Amandiers", Tafraout',
    territory: 'Souss-Massa',
    countryCode: 'MA',
    certificateNumbers: ['MA-BIO-201-2024'],
  },
  {
    cooperativeId: 'coop-tighanimine',
    name: 'Tighanimine',
    territory: 'Souss-Massa',
    countryCode: 'MA',
    certificateNumbers: [],
  },
];

const PRODUCTS: FixtureProduct[] = [
  { name: "Huile d'argan", hsCode: '1515.90', unitNetKg: 0.5, unitGrossKg: 0.75, packSize: 12 },
  { name: 'Dattes Medjool', hsCode: '0804.10', unitNetKg: 1, unitGrossKg: 1.125, packSize: 10 },
  { name: 'Amandes décortiquées', hsCode: '0802.12', unitNetKg: 0.25, unitGrossKg: 0.3, packSize: 20 },
  { name: 'Safran, pistils', hsCode: '0910.20', unitNetKg: 0.002, unitGrossKg: 0.015, packSize: 50 },
  { name: 'Couscous complet', hsCode: '1902.40', unitNetKg: 1, unitGrossKg: 1.05, packSize: 12 },
  { name: 'Olives noires', hsCode: '2005.70', unitNetKg: 0.8, unitGrossKg: 1.1, packSize: 6 },
];

const GROUPS = [
  { name: 'AMAP des Pentes', place: 'Lyon', latitude: 45.7676, longitude: 4.8344 },
  { name: 'Épicerie solidaire Croix-Rousse', place: 'Lyon', latitude: 45.7792, longitude: 4.8311 },
  { name: 'Groupement d’achat Villeurbanne', place: 'Villeurbanne', latitude: 45.7719, longitude: 4.8902 },
  { name: 'Panier de la Guillotière', place: 'Lyon', latitude: 45.7558, longitude: 4.8432 },
];

const ROAD_KG_CO2E_PER_TONNE_KM = 0.0913;

/** Kilograms to the gram, so sums of kg do not drift. */
export function roundKg(kg: number): number {
  return Math.round(kg * 1000) / 1000;
}

/** A deterministic pseudo-random sequence (Park–Miller), so a seed always gives the same manifest. */
function sequence(seed: number): (max: number) => number {
  let state = (seed % 2147483646) + 1;
  return (max) => {
    state = (state * 48271) % 2147483647;
    return state % max;
  };
}

function sum(items: ManifestQuantities[]): ManifestQuantities {
  return {
    packages: items.reduce((total, item) => total + item.packages, 0),
    units: items.reduce((total, item) => total + item.units, 0),
    netKg: roundKg(items.reduce((total, item) => total + item.netKg, 0)),
    grossKg: roundKg(items.reduce((total, item) => total + item.grossKg, 0)),
  };
}

function quantities(units: number, product: FixtureProduct): ManifestQuantities {
  return {
    packages: Math.ceil(units / product.packSize),
    units,
    netKg: roundKg(units * product.unitNetKg),
    grossKg: roundKg(units * product.unitGrossKg),
  };
}

/**
 * A consistent manifest of any size: each goods line is shared out among the stops (packages
 * counted per stop, as groups never share a package), each line is the sum of its stops'
 * unloading, and the totals are the sum of the lines.
 */
export function buildManifest(options: ManifestFixtureOptions = {}): Manifest {
  const { lines: lineCount = 12, stops: stopCount = 2, locale = 'en', seed = 1 } = options;
  const random = sequence(seed);
  const unloading: ManifestUnloadingLine[][] = Array.from({ length: stopCount }, () => []);
  const lines: ManifestLine[] = [];

  for (let index = 0; index < lineCount; index++) {
    const sender = SENDERS[index % SENDERS.length];
    const product = PRODUCTS[Math.floor(index / SENDERS.length) % PRODUCTS.length];
    const productId = `product-${String(index + 1).padStart(4, '0')}`;
    const productName = `${product.name} · lot ${index + 1}`;
    const shares: ManifestUnloadingLine[] = [];
    for (let stop = 0; stop < stopCount; stop++) {
      // Every line reaches the first stop; later stops take it only some of the time.
      const units = stop === 0 || random(3) > 0 ? 1 + random(240) : 0;
      if (units === 0) continue;
      const share = {
        cooperativeId: sender.cooperativeId,
        productId,
        productName,
        ...quantities(units, product),
      };
      unloading[stop].push(share);
      shares.push(share);
    }
    lines.push({
      cooperativeId: sender.cooperativeId,
      productId,
      productName,
      hsCode: product.hsCode,
      originCountry: sender.countryCode,
      ...sum(shares),
      certificate: sender.certificateNumbers[0] ?? null,
    });
  }

  const totals = sum(lines);
  const stops: ManifestStop[] = unloading.map((goods, index) => {
    const group = GROUPS[index % GROUPS.length];
    return {
      order: index + 1,
      consumerGroupId: `group-${index + 1}`,
      consignee: {
        name: group.name,
        dropPoint: {
          name: `${group.name} — dépôt`,
          address: `${12 + index} rue de la République, 6900${index + 1} ${group.place}, France`,
          latitude: group.latitude,
          longitude: group.longitude,
        },
        contactEmail: `coordination+${index + 1}@example.org`,
      },
      distanceFromPreviousKm: index === 0 ? 2187.4 : 3.2 + index,
      unloading: goods,
    };
  });

  // Tonne-km per leg: the load still aboard times the leg's length.
  let aboardKg = totals.grossKg;
  let tonneKm = 0;
  for (const stop of stops) {
    tonneKm += (aboardKg / 1000) * stop.distanceFromPreviousKm;
    aboardKg -= sum(stop.unloading).grossKg;
  }
  tonneKm = Math.round(tonneKm * 10) / 10;

  return {
    number: `MAN-202509-${String(seed).padStart(4, '0')}`,
    version: 2,
    issuedAt: '2025-08-28T06:30:00.000Z',
    season: { id: 'season-2025', name: 'Saison automne 2025' },
    partnership: { id: 'partnership-haouz-lyon', name: 'Haouz ↔ Lyon' },
    cycleMonth: '2025-09',
    carrier: {
      transportOrganiserId: 'organiser-1',
      name: 'Transports Solidaires Rhône-Atlas',
      vehicle: { id: 'vehicle-1', name: 'Semi-remorque frigorifique 24 t', mode: 'road' },
      contactEmail: 'exploitation@rhone-atlas.example',
    },
    loading: {
      pickupPoint: {
        name: 'Plateforme de collecte Aït Ourir',
        address: 'Route de Ouarzazate, km 35, Aït Ourir, Maroc',
        latitude: 31.5626,
        longitude: -7.6626,
      },
      date: '2025-09-03',
    },
    senders: SENDERS.map((sender) => ({ ...sender, certificateNumbers: [...sender.certificateNumbers] })),
    stops,
    lines,
    totals,
    distanceKm: Math.round(stops.reduce((total, stop) => total + stop.distanceFromPreviousKm, 0) * 10) / 10,
    tonneKm,
    co2eKg: Math.round(tonneKm * ROAD_KG_CO2E_PER_TONNE_KM * 10) / 10,
    locale,
  };
}
