import { buildManifest, type ManifestRows } from './build-manifest';

const COOP = 'c0000000-0000-4000-8000-000000000001';
const OLIVES = 'p0000000-0000-4000-8000-000000000001';
const SAFFRON = 'p0000000-0000-4000-8000-000000000002';
const JETTE = 'g0000000-0000-4000-8000-000000000001';
const MIROIR = 'g0000000-0000-4000-8000-000000000002';

function rows(overrides: Partial<ManifestRows['head']> = {}): ManifestRows {
  const stop = (order: number, consumerGroupId: string, name: string) => ({
    order,
    consumerGroupId,
    distanceFromPreviousKm: 100 * order,
    name,
    contactEmail: `${order}@groups.example`,
    dropName: `Drop ${order}`,
    dropAddress: `Street ${order}`,
    dropLatitude: 50.8,
    dropLongitude: 4.3,
    countryCode: 'BE',
  });
  const line = (consumerGroupId: string, productId: string, productName: string, netKg: number) => ({
    consumerGroupId,
    cooperativeId: COOP,
    productId,
    productName,
    hsCode: '0711',
    packages: 1,
    units: 6,
    netKg,
    grossKg: netKg + 0.1,
  });
  return {
    head: {
      seasonId: 's1',
      seasonName: 'Saison 2027',
      partnershipId: 'p1',
      partnershipName: 'Jette ↔ Aït Ourir',
      month: '2027-03',
      loadingDate: '2027-03-02',
      organiserId: 't1',
      organiserName: 'Atlas Solidarité Logistique',
      contactEmail: 'transport@example.org',
      locale: 'fr',
      vehicleId: 'v1',
      vehicleName: 'Camion 1',
      mode: 'road',
      pickupName: 'Aït Ourir',
      pickupAddress: 'Route de Ouarzazate',
      pickupLatitude: 31.56,
      pickupLongitude: -7.66,
      consumerCountry: 'BE',
      eur1Number: null,
      originDeclaration: null,
      exporterRexNumber: null,
      phytosanitaryNumber: null,
      distanceKm: 2900,
      tonneKm: 290,
      co2eKg: 31.2,
      ...overrides,
    },
    senders: [
      {
        cooperativeId: COOP,
        name: 'Tighanimine',
        territory: 'Al Haouz',
        countryCode: 'MA',
        certificateNumbers: ['MA-BIO-1'],
        controlBody: 'Ecocert',
      },
    ],
    stops: [stop(2, MIROIR, 'AMAP du Miroir'), stop(1, JETTE, 'GASAP Jette')],
    unloading: [
      line(JETTE, OLIVES, 'Olives', 0.1),
      line(MIROIR, OLIVES, 'Olives', 0.2),
      line(JETTE, SAFFRON, 'Safran', 0.05),
    ],
    certificates: [
      { cooperativeId: COOP, productId: SAFFRON, coiNumber: 'COI-7', controlBody: 'Bureau Veritas' },
    ],
  };
}

const issue = { number: 'MAN-202703-0001', version: 2, issuedAt: new Date('2027-03-02T06:00:00Z') };

describe('buildManifest', () => {
  it('makes one line per cooperative product over every stop, its weights summed exactly to the gram', () => {
    const manifest = buildManifest(rows(), issue);
    const olives = manifest.lines.find((l) => l.productId === OLIVES)!;
    expect(manifest.lines).toHaveLength(2);
    expect(olives).toMatchObject({ packages: 2, units: 12, netKg: 0.3, grossKg: 0.5, originCountry: 'MA' });
    expect(manifest.totals).toEqual({ packages: 3, units: 18, netKg: 0.35, grossKg: 0.65 });
  });

  it('takes a line’s COI and its body where one was recorded, else the cooperative’s control body', () => {
    const manifest = buildManifest(rows(), issue);
    const bySku = Object.fromEntries(manifest.lines.map((l) => [l.productName, l]));
    expect(bySku.Safran).toMatchObject({ coiNumber: 'COI-7', controlBody: 'Bureau Veritas', organic: true });
    expect(bySku.Olives).toMatchObject({ coiNumber: null, controlBody: 'Ecocert', certificate: 'MA-BIO-1' });
    expect(manifest.senders[0]).not.toHaveProperty('controlBody');
  });

  it('gives each stop, in the order the rows come, what is unloaded there', () => {
    const manifest = buildManifest(rows(), issue);
    expect(manifest.stops.map((s) => [s.order, s.consignee.name, s.unloading.length])).toEqual([
      [2, 'AMAP du Miroir', 1],
      [1, 'GASAP Jette', 2],
    ]);
    expect(manifest.stops[1].consignee.dropPoint).toEqual({
      name: 'Drop 1',
      address: 'Street 1',
      latitude: 50.8,
      longitude: 4.3,
    });
  });

  it('names its number, version and issue time, and warns of the papers the EU border needs', () => {
    const manifest = buildManifest(rows(), issue);
    expect(manifest).toMatchObject({
      number: 'MAN-202703-0001',
      version: 2,
      issuedAt: '2027-03-02T06:00:00.000Z',
    });
    expect(manifest.documents.proofOfOrigin).toBeNull();
    expect(manifest.documentWarnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['PROOF_OF_ORIGIN_MISSING', 'COI_MISSING']),
    );
    expect(manifest.emissions.scope).toBe('well-to-wheel');
  });

  it('prints an EUR.1 before an origin declaration, and the declaration with its REX number', () => {
    expect(buildManifest(rows({ eur1Number: 'A123' }), issue).documents.proofOfOrigin).toEqual({
      kind: 'eur1',
      number: 'A123',
    });
    const declared = buildManifest(
      rows({ originDeclaration: 'The exporter of the products…', exporterRexNumber: 'MAREX123' }),
      issue,
    );
    expect(declared.documents.proofOfOrigin).toEqual({
      kind: 'origin_declaration',
      exporterRexNumber: 'MAREX123',
      text: 'The exporter of the products…',
    });
    expect(declared.documentWarnings.map((w) => w.code)).not.toContain('PROOF_OF_ORIGIN_MISSING');
  });
});
