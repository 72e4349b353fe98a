import {
  COI_NUMBER,
  CONTROL_BODY,
  entersEu,
  EUR1_NUMBER,
  isPlantProduct,
  missingDocuments,
  REX_NUMBER,
  type RouteFacts,
} from './border-documents';

const route: RouteFacts = {
  originCountries: ['MA'],
  destinationCountry: 'BE',
  lines: [
    {
      cooperativeId: 'c1',
      productId: 'argan',
      productName: "Huile d'argan",
      hsCode: '151590',
      organic: true,
      coiNumber: null,
    },
    {
      cooperativeId: 'c1',
      productId: 'dates',
      productName: 'Dattes',
      hsCode: '0804.10',
      organic: false,
      coiNumber: null,
    },
  ],
};

describe('border documents', () => {
  it('accepts the real formats and refuses near misses', () => {
    expect(COI_NUMBER.test('COI.EU.MA.2026.0001234')).toBe(true);
    expect(COI_NUMBER.test('COI.EU.MA.2026.001234')).toBe(false);
    expect(COI_NUMBER.test('coi.eu.ma.2026.0001234')).toBe(false);
    expect(CONTROL_BODY.test('MA-BIO-154')).toBe(true);
    expect(CONTROL_BODY.test('BE-BIO-01')).toBe(true);
    expect(CONTROL_BODY.test('MA-BIO-1544')).toBe(false);
    expect(REX_NUMBER.test('SNREX1234567890')).toBe(true);
    expect(REX_NUMBER.test('SN-REX-12')).toBe(false);
    expect(EUR1_NUMBER.test('A 1234567')).toBe(true);
    expect(EUR1_NUMBER.test('=1+1')).toBe(false);
  });

  it('asks for proof of origin, a COI per organic line and a phytosanitary certificate for plants entering the EU', () => {
    expect(
      missingDocuments(route, { proofOfOrigin: null, phytosanitaryCertificateNumber: null }).map(
        (w) => w.code,
      ),
    ).toEqual(['PROOF_OF_ORIGIN_MISSING', 'COI_MISSING', 'PHYTOSANITARY_MISSING']);
    const complete = {
      ...route,
      lines: route.lines.map((line) => ({
        ...line,
        coiNumber: line.organic ? 'COI.EU.MA.2026.0001234' : null,
      })),
    };
    expect(
      missingDocuments(complete, {
        proofOfOrigin: { kind: 'eur1', number: 'A 1234567' },
        phytosanitaryCertificateNumber: 'MA/2026/000123',
      }),
    ).toEqual([]);
  });

  it('asks for nothing inside the EU, nor for processed goods a phytosanitary certificate', () => {
    expect(entersEu({ originCountries: ['FR'], destinationCountry: 'BE' })).toBe(false);
    expect(
      missingDocuments(
        { ...route, originCountries: ['ES'] },
        { proofOfOrigin: null, phytosanitaryCertificateNumber: null },
      ),
    ).toEqual([]);
    expect(isPlantProduct('151590')).toBe(false);
    expect(isPlantProduct('0801.31')).toBe(true);
  });
});
