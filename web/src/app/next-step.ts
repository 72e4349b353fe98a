import type { DeadlineKind } from '../ui/DeadlineBadge';
import type { Me } from './session';

export type NextStep = NonNullable<Me['seasons'][number]['next']>;
export type NextAction = NextStep['action'];

/**
 * Where a user does the next thing `GET /me` names for a season, what its deadline closes, and
 * for a loading deadline the day it is (DeadlineBadge's `day`). Pure: NextStepCard shows it.
 */
export function nextStepTarget(
  next: NextStep,
  seasonId: string,
): { to: string; deadline: DeadlineKind; day?: string } {
  const cycle = next.cycleId;
  const day = next.loadingDate;
  switch (next.action) {
    case 'pledge':
      return { to: '/member', deadline: 'changes' };
    case 'review_pledges':
      // The commitments page opens on the earliest open month, the one to review.
      return { to: '/coordinator', deadline: 'changes' };
    case 'record_receipt':
      return { to: `/coordinator/deliveries/${cycle}`, deadline: 'receipt' };
    case 'confirm':
      return { to: `/cooperative/cycles/${cycle}/confirm`, deadline: 'confirm' };
    case 'load':
      return { to: `/cooperative/cycles/${cycle}/loading-list`, deadline: 'loading', day };
    case 'plan_deliveries':
      return { to: `/cooperative/seasons/${seasonId}`, deadline: 'changes' };
    case 'carry':
      return { to: `/transporter/cycles/${cycle}`, deadline: 'loading', day };
    case 'prepare_transport':
      return { to: '/transporter', deadline: 'loading', day };
    case 'run_stage':
      return { to: `/admin/cycles/${cycle}`, deadline: 'stage' };
    default:
      return { to: '/seasons', deadline: 'changes' };
  }
}
