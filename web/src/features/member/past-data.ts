import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import type { Cycle, Offer } from './season-data';

type Allocation = components['schemas']['AllocationDto'];
type Violation = components['schemas']['ViolationDto'];

/** Cycles whose allocation is known: the past months of a season, latest first. */
export const pastCycles = (cycles: Cycle[]) =>
  cycles
    .filter((cycle) => !['open', 'locked', 'confirming'].includes(cycle.status))
    .sort((a, b) => b.month.localeCompare(a.month));

export const settledCycles = (cycles: Cycle[]) =>
  cycles.filter((cycle) => cycle.status === 'settled').sort((a, b) => b.month.localeCompare(a.month));

export const pastData = {
  allocations: (cycleId: string, memberId: string) =>
    queryOptions({
      queryKey: ['cycles', cycleId, 'allocations', memberId],
      queryFn: async () =>
        (
          await data(
            api.GET('/cycles/{id}/allocations', { params: { path: { id: cycleId }, query: { memberId } } }),
          )
        ).items,
    }),
  cycle: (cycleId: string) =>
    queryOptions({
      queryKey: ['cycles', cycleId],
      queryFn: () => data(api.GET('/cycles/{id}', { params: { path: { id: cycleId } } })),
    }),
  statements: (cycleId: string) =>
    queryOptions({
      queryKey: ['cycles', cycleId, 'statements'],
      queryFn: () => data(api.GET('/cycles/{id}/statements', { params: { path: { id: cycleId } } })),
    }),
};

/** Why a member got less than pledged, as the catalogue key of its explanation and its values. */
export type Reason =
  | { key: 'charter'; rule: string }
  | { key: 'exportCap' }
  | { key: 'confirmedLess' }
  | { key: 'shortOnArrival' };

/**
 * The reason of a difference between pledged, allocated and received, from what the cycle
 * recorded: the charter's blocking violations on the offer or its cooperative (excluded,
 * capped), else the cooperative's smaller confirmation; received below allocated (the member's
 * share of what its group reported) is goods short on arrival.
 */
export function reasonOf(line: Allocation, offer: Offer | undefined, violations: Violation[]): Reason | null {
  if (line.allocated < line.pledged) {
    const standing = violations.filter((violation) => violation.severity === 'blocking' && !violation.waived);
    const excluded = standing.find(
      (violation) =>
        violation.effect === 'exclude' &&
        (violation.subject === line.offerId || violation.subject === offer?.cooperativeId),
    );
    if (excluded) return { key: 'charter', rule: excluded.rule };
    if (standing.some((violation) => violation.effect === 'cap' && violation.subject === line.offerId))
      return { key: 'exportCap' };
    return { key: 'confirmedLess' };
  }
  if (typeof line.received === 'number' && line.received < line.allocated) return { key: 'shortOnArrival' };
  return null;
}
