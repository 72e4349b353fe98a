import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import { everyItem } from '../../api/pages';
import type { components } from '../../api/schema';

export type Schemas = components['schemas'];
export type Offer = Schemas['OfferViewDto'];
export type Cycle = Schemas['CycleDto'];

export const CYCLE_STAGES = [
  'open',
  'locked',
  'confirming',
  'allocated',
  'dispatched',
  'received',
  'settled',
] as const;

/** True once the cycle has reached `stage` (stages only move forward). */
export function reached(status: string, stage: (typeof CYCLE_STAGES)[number]): boolean {
  return CYCLE_STAGES.indexOf(status as never) >= CYCLE_STAGES.indexOf(stage);
}

type CycleData = Awaited<ReturnType<typeof fetchCycle>>;

function fetchCycle(cycleId: string) {
  return data(api.GET('/cycles/{id}', { params: { path: { id: cycleId } } }));
}

/** A cycle; `askAgainWhile` keeps asking every 2 s while it holds (news the cache may not have yet). */
export function useCycle(cycleId: string, askAgainWhile?: (cycle: CycleData | undefined) => boolean) {
  return useQuery({
    queryKey: ['cycle', cycleId],
    queryFn: () => fetchCycle(cycleId),
    refetchInterval: askAgainWhile ? (query) => (askAgainWhile(query.state.data) ? 2_000 : false) : undefined,
  });
}

export function useSeasonCycles(seasonId: string | undefined) {
  return useQuery({
    queryKey: ['season-cycles', seasonId],
    enabled: !!seasonId,
    queryFn: () => data(api.GET('/seasons/{id}/cycles', { params: { path: { id: seasonId! } } })),
  });
}

export function useSeason(seasonId: string | undefined) {
  return useQuery({
    queryKey: ['season', seasonId],
    enabled: !!seasonId,
    queryFn: () => data(api.GET('/seasons/{id}', { params: { path: { id: seasonId! } } })),
  });
}

/** A season's offers, by id, with their product and cooperative. */
export function useOffers(seasonId: string | undefined) {
  return useQuery({
    queryKey: ['offers', seasonId],
    enabled: !!seasonId,
    queryFn: async () => {
      const offers = await everyItem((query) =>
        data(api.GET('/seasons/{id}/offers', { params: { path: { id: seasonId! }, query } })),
      );
      return new Map(offers.map((offer) => [offer.id, offer]));
    },
  });
}

/**
 * A cycle's demand per offer, with what was confirmed and, once allocated, what the groups got:
 * the cooperative's confirmation page and the admin's dashboard read the same list.
 */
export function useDemand(cycleId: string) {
  return useQuery({
    queryKey: ['demand', cycleId],
    queryFn: () => data(api.GET('/cycles/{id}/demand', { params: { path: { id: cycleId } } })),
  });
}

/** A download of the API (a PDF, a CSV): a plain link the browser saves with the session cookie. */
export const apiHref = (path: string) => `/api/v1${path}`;
