/**
 * COMMITMENT_STABILITY (warning): a group's commitment on an offer that moves more than
 * maxMonthlyVariation from its first-month commitment, i.e. |q − first| / first > max, compared
 * exactly as |q − first| × 10000 > max (in ten-thousandths) × first.
 *
 * A first-month commitment of null (the group did not commit in the first month) or 0 gives no
 * warning: there is no baseline to measure a relative variation against, and the cooperative
 * still confirms the whole demand at step 3, so growth from nothing is never lost sight of.
 */
import type { CharterCheckInput, Violation } from './charter-rules.types';
import { formatShare, fromTenThousandths, SHARE_SCALE, toTenThousandths } from './share';
import { groupOfferSubjectId, offerFacts } from './subjects';

export function checkCommitmentStability(input: CharterCheckInput): Violation[] {
  const { maxMonthlyVariation } = input.rules;
  if (maxMonthlyVariation === undefined) return [];
  const maximum = toTenThousandths(maxMonthlyVariation, 'maxMonthlyVariation');
  const offers = new Map(input.offers.map((offer) => [offer.offerId, offer]));
  return input.groupCommitments.flatMap((commitment) => {
    const first = commitment.firstMonthQuantity;
    if (first === null || first === 0) return [];
    const change = commitment.quantity - first;
    if (BigInt(Math.abs(change)) * BigInt(SHARE_SCALE) <= BigInt(maximum) * BigInt(first)) return [];
    const group = commitment.consumerGroupName ?? commitment.consumerGroupId;
    // Rounded up to the hundredth of a percent, so the figure shown is never at or below the maximum.
    const tenThousandths = Number(ceilDiv(BigInt(Math.abs(change)) * BigInt(SHARE_SCALE), BigInt(first)));
    const percent = tenThousandths / 100;
    const offer = offers.get(commitment.offerId);
    return [
      {
        rule: 'COMMITMENT_STABILITY' as const,
        severity: 'warning',
        subjectType: 'group_offer',
        subjectId: groupOfferSubjectId(commitment.consumerGroupId, commitment.offerId),
        message:
          `Group ${group}'s commitment on offer ${commitment.offerId} moved from ${first} units in the first month ` +
          `to ${commitment.quantity} units (${change > 0 ? '+' : '−'}${percent}%), more than the charter's ` +
          `maximum variation of ${formatShare(maximum)}.`,
        effect: 'none',
        facts: {
          offerId: commitment.offerId,
          product: offer?.productName ?? null,
          cooperative: offer ? offerFacts(offer, input).cooperative : null,
          consumerGroupId: commitment.consumerGroupId,
          group: commitment.consumerGroupName ?? null,
          firstMonth: first,
          quantity: commitment.quantity,
          variation: fromTenThousandths(Math.sign(change) * tenThousandths),
          maxVariation: fromTenThousandths(maximum),
        },
      },
    ];
  });
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
