import { checkInput, cooperative, offer } from '../../../test/fixtures/charter-check-input';
import { checkOrganicCertificate, isCertificateValidOn } from './organic-certificate.rule';

describe('ORGANIC_CERTIFICATE', () => {
  const rules = { organicRequired: true };

  it('never fires when organic production is not required', () => {
    const input = checkInput({ cooperatives: [cooperative({ certificates: [] })] });
    expect(checkOrganicCertificate(input)).toEqual([]);
    expect(checkOrganicCertificate({ ...input, rules: { organicRequired: false } })).toEqual([]);
  });

  it('accepts a certificate valid on the loading date, both ends inclusive', () => {
    const certificate = { kind: 'pgs' as const, validFrom: '2025-06-01', validTo: '2025-06-01' };
    expect(isCertificateValidOn(certificate, '2025-06-01')).toBe(true);
    expect(isCertificateValidOn(certificate, '2025-05-31')).toBe(false);
    expect(isCertificateValidOn(certificate, '2025-06-02')).toBe(false);
    expect(isCertificateValidOn({ ...certificate, validTo: null }, '2099-01-01')).toBe(true);
    expect(
      isCertificateValidOn({ ...certificate, validFrom: '2025-06-01T00:00:00.000Z' }, '2025-06-01'),
    ).toBe(true);
    expect(checkOrganicCertificate(checkInput({ rules }))).toEqual([]);
  });

  it('excludes each offer of a cooperative whose certificate has expired', () => {
    const input = checkInput({
      rules,
      loadingDate: '2026-01-01',
      offers: [offer(), offer({ offerId: 'offer-honey', productId: 'honey' })],
    });
    const violations = checkOrganicCertificate(input);
    expect(violations.map((violation) => violation.subjectId)).toEqual(['offer-oil', 'offer-honey']);
    expect(violations[0]).toEqual({
      rule: 'ORGANIC_CERTIFICATE',
      severity: 'blocking',
      subjectType: 'offer',
      subjectId: 'offer-oil',
      message:
        'Offer offer-oil is excluded: the charter requires organic production and cooperative coop-atlas has no ' +
        'organic or PGS certificate valid on the loading date 2026-01-01 (certificates on file: 2025-01-01 to 2025-12-31).',
      effect: 'exclude',
      facts: {
        offerId: 'offer-oil',
        product: null,
        cooperativeId: 'coop-atlas',
        cooperative: null,
        loadingDate: '2026-01-01',
        certificates: 1,
      },
    });
  });

  it('treats an unknown cooperative as holding no certificate', () => {
    const violations = checkOrganicCertificate(checkInput({ rules, cooperatives: [] }));
    expect(violations).toHaveLength(1);
    expect(violations[0].facts).toMatchObject({ cooperative: null, certificates: 0 });
    expect(violations[0].message).toContain(
      'has no organic or PGS certificate valid on the loading date 2025-06-01.',
    );
  });
});
