/**
 * ORGANIC_CERTIFICATE: when the charter requires organic production, an offer whose cooperative
 * holds no organic or PGS certificate valid on the loading date (validFrom ≤ date ≤ validTo,
 * both inclusive, validTo null = open-ended) is excluded. One violation per offer, as the
 * charter table puts it per offer; a cooperative missing from the input has no certificate.
 */
import type {
  CharterCertificate,
  CharterCheckInput,
  CharterCooperative,
  Violation,
} from './charter-rules.types';
import { describeCooperative, describeOffer, offerFacts } from './subjects';

export function isCertificateValidOn(certificate: CharterCertificate, date: string): boolean {
  const day = date.slice(0, 10);
  return (
    certificate.validFrom.slice(0, 10) <= day &&
    (certificate.validTo === null || day <= certificate.validTo.slice(0, 10))
  );
}

export function hasValidOrganicCertificate(
  cooperative: CharterCooperative | undefined,
  date: string,
): boolean {
  return !!cooperative?.certificates.some((certificate) => isCertificateValidOn(certificate, date));
}

export function checkOrganicCertificate(input: CharterCheckInput): Violation[] {
  if (input.rules.organicRequired !== true) return [];
  const cooperatives = new Map(
    input.cooperatives.map((cooperative) => [cooperative.cooperativeId, cooperative]),
  );
  return input.offers.flatMap((offer) => {
    const cooperative = cooperatives.get(offer.cooperativeId);
    if (hasValidOrganicCertificate(cooperative, input.loadingDate)) return [];
    return [
      {
        rule: 'ORGANIC_CERTIFICATE' as const,
        severity: 'blocking',
        subjectType: 'offer',
        subjectId: offer.offerId,
        message:
          `${describeOffer(offer)} is excluded: the charter requires organic production and ` +
          `${describeCooperative(offer.cooperativeId, cooperative)} has no organic or PGS certificate valid on ` +
          `the loading date ${input.loadingDate}${certificatesOnFile(cooperative)}.`,
        effect: 'exclude',
        facts: {
          ...offerFacts(offer, input),
          loadingDate: input.loadingDate,
          certificates: cooperative?.certificates.length ?? 0,
        },
      },
    ];
  });
}

function certificatesOnFile(cooperative: CharterCooperative | undefined): string {
  if (!cooperative?.certificates.length) return '';
  const periods = cooperative.certificates
    .map(({ validFrom, validTo }) => `${validFrom.slice(0, 10)} to ${validTo?.slice(0, 10) ?? 'open-ended'}`)
    .sort();
  return ` (certificates on file: ${periods.join(', ')})`;
}
