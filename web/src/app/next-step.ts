import type { DeadlineKind } from '../ui/DeadlineBadge';
import type { Me } from './session';

export type NextStep = NonNullable<Me['seasons'][number]['next']>;
export type NextAction = NextStep['action'];

/**
 * Where a user does the next thing `GET /me` names for a season, and what its deadline closes.
 * Pure: the pages show it (NextStepCard), a test reads it alone.
 */
export function nextStepTarget(next: NextStep, seasonId: string): { to: string; deadline: DeadlineKind } {
  const cycle = next.cycleId;
  switch (next.action) {
    case 'pledge':
      return { to: '/member', deadline: 'changes' };
    case 'review_pledges':
      return { to: `/coordinator?month=${next.month}`, deadline: 'changes' };
    case 'record_receipt':
      return { to: `/coordinator/deliveries/${cycle}`, deadline: 'receipt' };
    case 'confirm':
      return { to: `/cooperative/cycles/${cycle}/confirm`, deadline: 'confirm' };
    case 'load':
      return { to: `/cooperative/cycles/${cycle}/loading-list`, deadline: 'loading' };
    case 'plan_deliveries':
      return { to: `/cooperative/seasons/${seasonId}`, deadline: 'changes' };
    case 'carry':
      return { to: `/transporter/cycles/${cycle}`, deadline: 'loading' };
    case 'prepare_transport':
      return { to: '/transporter', deadline: 'loading' };
    case 'run_stage':
      return { to: `/admin/cycles/${cycle}`, deadline: 'stage' };
    default:
      return { to: '/seasons', deadline: 'changes' };
  }
}
