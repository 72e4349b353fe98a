/**
 * LOCAL_SALES_SHARE: a cooperative selling less than the charter's minimum share of its
 * production locally has all its offers excluded.
 *
 * One violation per cooperative (subjectType 'cooperative'), not per offer: the condition is
 * about the cooperative, so an admin reviews and waives it once; effectiveExclusions expands it
 * to the cooperative's offers. A cooperative with no offer in the cycle is not reported.
 * Shares are compared in integer ten-thousandths (see share.ts).
 */
import type { CharterCheckInput, CharterOffer, Violation } from './charter-rules.types';
import { formatShare, fromTenThousandths, toTenThousandths } from './share';
import { describeCooperative } from './subjects';

export function checkLocalSalesShare(input: CharterCheckInput): Violation[] {
  const { minLocalSalesShare } = input.rules;
  if (minLocalSalesShare === undefined) return [];
  const minimum = toTenThousandths(minLocalSalesShare, 'minLocalSalesShare');
  const offersByCooperative = new Map<string, CharterOffer[]>();
  for (const offer of input.offers) {
    const offers = offersByCooperative.get(offer.cooperativeId) ?? [];
    offers.push(offer);
    offersByCooperative.set(offer.cooperativeId, offers);
  }
  return input.cooperatives.flatMap((cooperative) => {
    const offers = offersByCooperative.get(cooperative.cooperativeId);
    const share = toTenThousandths(
      cooperative.localSalesShare,
      `localSalesShare of ${cooperative.cooperativeId}`,
    );
    if (!offers || share >= minimum) return [];
    const offerIds = offers.map((offer) => offer.offerId).sort();
    const who = describeCooperative(cooperative.cooperativeId, cooperative);
    return [
      {
        rule: 'LOCAL_SALES_SHARE' as const,
        severity: 'blocking',
        subjectType: 'cooperative',
        subjectId: cooperative.cooperativeId,
        message:
          `${who[0].toUpperCase()}${who.slice(1)} sells ${formatShare(share)} of its production locally, below the ` +
          `charter's minimum of ${formatShare(minimum)}; its ${offerIds.length} offer(s) are excluded ` +
          `(${offerIds.join(', ')}).`,
        effect: 'exclude',
        facts: {
          cooperativeId: cooperative.cooperativeId,
          cooperative: cooperative.name ?? null,
          share: fromTenThousandths(share),
          minShare: fromTenThousandths(minimum),
          offers: offerIds.length,
        },
      },
    ];
  });
}
