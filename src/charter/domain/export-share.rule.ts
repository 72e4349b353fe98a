/**
 * EXPORT_SHARE: an offer may export at most maxExportShare × monthlyCapacity units a month. When
 * demand is above that, the supply is capped at floor(maxExportShare × monthlyCapacity), computed
 * exactly in integer ten-thousandths (see share.ts). For an integer demand, demand > the exact
 * product ⇔ demand > its floor, so the rule fires exactly when demand > capUnits.
 */
import type { CharterCheckInput, Violation } from './charter-rules.types';
import { formatShare, fromTenThousandths, SHARE_SCALE, toTenThousandths } from './share';
import { describeOffer, offerFacts } from './subjects';

/** floor(share × monthlyCapacity), exactly. */
export function exportCapUnits(maxExportShare: number, monthlyCapacity: number): number {
  const share = toTenThousandths(maxExportShare, 'maxExportShare');
  if (!Number.isSafeInteger(monthlyCapacity) || monthlyCapacity < 0) {
    throw new RangeError(`monthly capacity must be a non-negative integer, got ${monthlyCapacity}`);
  }
  return Number((BigInt(share) * BigInt(monthlyCapacity)) / BigInt(SHARE_SCALE));
}

export function checkExportShare(input: CharterCheckInput): Violation[] {
  const { maxExportShare } = input.rules;
  if (maxExportShare === undefined) return [];
  const share = toTenThousandths(maxExportShare, 'maxExportShare');
  return input.offers.flatMap((offer) => {
    const capUnits = exportCapUnits(maxExportShare, offer.monthlyCapacity);
    if (offer.demand <= capUnits) return [];
    return [
      {
        rule: 'EXPORT_SHARE' as const,
        severity: 'blocking',
        subjectType: 'offer',
        subjectId: offer.offerId,
        message:
          `${describeOffer(offer)}: demand of ${offer.demand} units is above the charter's export share of ` +
          `${formatShare(share)} of its monthly capacity of ${offer.monthlyCapacity} units; ` +
          `supply is capped at ${capUnits} units.`,
        effect: 'cap',
        capUnits,
        facts: {
          ...offerFacts(offer, input),
          demand: offer.demand,
          share: fromTenThousandths(share),
          capacity: offer.monthlyCapacity,
          capUnits,
        },
      },
    ];
  });
}
