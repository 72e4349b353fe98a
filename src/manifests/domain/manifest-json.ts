import type { ProofOfOrigin } from './border-documents';
import type { Manifest, ManifestPlace, ManifestQuantities } from './manifest.types';

const place = (p: ManifestPlace): ManifestPlace => ({
  name: p.name,
  address: p.address,
  latitude: p.latitude,
  longitude: p.longitude,
});

const quantities = (q: ManifestQuantities): ManifestQuantities => ({
  packages: q.packages,
  units: q.units,
  netKg: q.netKg,
  grossKg: q.grossKg,
});

const proofOfOrigin = (p: ProofOfOrigin | null): ProofOfOrigin | null =>
  p === null
    ? null
    : p.kind === 'eur1'
      ? { kind: p.kind, number: p.number }
      : { kind: p.kind, exporterRexNumber: p.exporterRexNumber, text: p.text };

/**
 * The manifest in a fixed key order (the order of `Manifest`), whatever order its object was
 * built in, so two renderings of one manifest are byte-identical. Extra keys are dropped.
 */
export function canonicalManifest(m: Manifest): Manifest {
  return {
    number: m.number,
    version: m.version,
    issuedAt: m.issuedAt,
    season: { id: m.season.id, name: m.season.name },
    partnership: { id: m.partnership.id, name: m.partnership.name },
    cycleMonth: m.cycleMonth,
    carrier: {
      transportOrganiserId: m.carrier.transportOrganiserId,
      name: m.carrier.name,
      vehicle: { id: m.carrier.vehicle.id, name: m.carrier.vehicle.name, mode: m.carrier.vehicle.mode },
      contactEmail: m.carrier.contactEmail,
    },
    loading: { pickupPoint: place(m.loading.pickupPoint), date: m.loading.date },
    senders: m.senders.map((s) => ({
      cooperativeId: s.cooperativeId,
      name: s.name,
      territory: s.territory,
      countryCode: s.countryCode,
      certificateNumbers: [...s.certificateNumbers],
    })),
    stops: m.stops.map((s) => ({
      order: s.order,
      consumerGroupId: s.consumerGroupId,
      consignee: {
        name: s.consignee.name,
        dropPoint: place(s.consignee.dropPoint),
        contactEmail: s.consignee.contactEmail,
        countryCode: s.consignee.countryCode,
      },
      distanceFromPreviousKm: s.distanceFromPreviousKm,
      unloading: s.unloading.map((u) => ({
        cooperativeId: u.cooperativeId,
        productId: u.productId,
        productName: u.productName,
        ...quantities(u),
      })),
    })),
    lines: m.lines.map((l) => ({
      cooperativeId: l.cooperativeId,
      productId: l.productId,
      productName: l.productName,
      hsCode: l.hsCode,
      originCountry: l.originCountry,
      ...quantities(l),
      certificate: l.certificate,
      organic: l.organic,
      coiNumber: l.coiNumber,
      controlBody: l.controlBody,
    })),
    totals: quantities(m.totals),
    distanceKm: m.distanceKm,
    tonneKm: m.tonneKm,
    co2eKg: m.co2eKg,
    emissions: {
      scope: m.emissions.scope,
      standard: m.emissions.standard,
      source: m.emissions.source,
      year: m.emissions.year,
      gramsCo2ePerTonneKm: m.emissions.gramsCo2ePerTonneKm,
    },
    documents: {
      proofOfOrigin: proofOfOrigin(m.documents.proofOfOrigin),
      phytosanitaryCertificateNumber: m.documents.phytosanitaryCertificateNumber,
    },
    documentWarnings: m.documentWarnings.map((w) => ({
      code: w.code,
      ...(w.cooperativeId === undefined ? {} : { cooperativeId: w.cooperativeId, productId: w.productId }),
      message: w.message,
    })),
    locale: m.locale,
  };
}

/** The manifest as JSON: stable key order, numbers as numbers. */
export function manifestToJson(m: Manifest): string {
  return JSON.stringify(canonicalManifest(m), null, 2);
}
