import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import { everyItem } from '../../api/pages';
import type { components } from '../../api/schema';

export type Member = components['schemas']['MemberDto'];
export type Invitation = components['schemas']['InvitationDto'];

const listOf = <T>(answer: T[] | { items: T[] }): T[] => (Array.isArray(answer) ? answer : answer.items);

export const groupData = {
  members: (groupId: string) =>
    queryOptions({
      queryKey: ['groups', groupId, 'members'],
      queryFn: () =>
        everyItem((query) =>
          data(api.GET('/consumer-groups/{id}/members', { params: { path: { id: groupId }, query } })),
        ),
    }),
  invitations: () =>
    queryOptions({
      queryKey: ['invitations'],
      queryFn: async () => listOf(await data(api.GET('/invitations'))),
    }),
  commitments: (seasonId: string, groupId: string, month: string) =>
    queryOptions({
      queryKey: ['seasons', seasonId, 'commitments', groupId, month],
      queryFn: () =>
        data(
          api.GET('/seasons/{id}/commitments', {
            params: { path: { id: seasonId }, query: { month, consumerGroupId: groupId } },
          }),
        ),
    }),
  receipt: (cycleId: string, groupId: string) =>
    queryOptions({
      queryKey: ['cycles', cycleId, 'receipts', groupId],
      queryFn: () =>
        data(
          api.GET('/cycles/{id}/receipts/{consumerGroupId}', {
            params: { path: { id: cycleId, consumerGroupId: groupId } },
          }),
        ),
    }),
  distribution: (cycleId: string) =>
    queryOptions({
      queryKey: ['cycles', cycleId, 'distribution-list'],
      queryFn: () => data(api.GET('/cycles/{id}/distribution-list', { params: { path: { id: cycleId } } })),
    }),
};

/** Cycles a coordinator records a delivery of, or has: dispatched onwards, latest first. */
export const deliveredCycles = <C extends { status: string; month: string }>(cycles: C[]) =>
  cycles
    .filter((cycle) => ['dispatched', 'received', 'settled'].includes(cycle.status))
    .sort((a, b) => b.month.localeCompare(a.month));
