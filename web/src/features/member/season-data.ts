import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import { queryClient } from '../../app/query-client';
import type { components } from '../../api/schema';

export type Offer = components['schemas']['OfferViewDto'];
export type Cycle = components['schemas']['SeasonCycleDto'];
export type Pledge = components['schemas']['MemberPledgeDto'];
export type LiveDemand = components['schemas']['LiveDemandDto'];

/** What the pledge page says of an offer. */
export interface OfferView {
  id: string;
  product: string;
  unit: string;
  cooperative: string;
  territory: string;
  unitPriceMinor: number;
  packSize: number;
}

export function offerView(offer: Offer): OfferView {
  return {
    id: offer.id,
    product: offer.product.name,
    unit: offer.product.unit,
    cooperative: offer.cooperative.name,
    territory: offer.cooperative.territory.name,
    unitPriceMinor: offer.unitPriceMinor,
    packSize: offer.packSize,
  };
}

const rawOffers = (seasonId: string) =>
  queryOptions({
    queryKey: ['seasons', seasonId, 'offers'],
    queryFn: async () =>
      (await data(api.GET('/seasons/{id}/offers', { params: { path: { id: seasonId } } }))).items,
  });

export const seasonData = {
  rawOffers,
  offers: (seasonId: string) =>
    queryOptions({ ...rawOffers(seasonId), select: (offers: Offer[]) => offers.map(offerView) }),
  demand: (seasonId: string) =>
    queryOptions({
      queryKey: ['seasons', seasonId, 'demand'],
      queryFn: () => data(api.GET('/seasons/{id}/demand', { params: { path: { id: seasonId } } })),
    }),
  cycles: (seasonId: string) =>
    queryOptions({
      queryKey: ['seasons', seasonId, 'cycles'],
      queryFn: () => data(api.GET('/seasons/{id}/cycles', { params: { path: { id: seasonId } } })),
    }),
  pledges: (seasonId: string, memberId: string) =>
    queryOptions({
      queryKey: ['seasons', seasonId, 'members', memberId, 'pledges'],
      queryFn: () =>
        data(
          api.GET('/seasons/{id}/members/{memberId}/pledges', {
            params: { path: { id: seasonId, memberId } },
          }),
        ),
    }),
};

/** What the member's pledge page reads for a season, asked for before the page's code is there. */
export function prefetchPledgePage(seasonId: string, memberId: string): void {
  void queryClient.prefetchQuery(rawOffers(seasonId));
  void queryClient.prefetchQuery(seasonData.cycles(seasonId));
  void queryClient.prefetchQuery(seasonData.pledges(seasonId, memberId));
  void queryClient.prefetchQuery(seasonData.demand(seasonId));
}

/** The months still open to pledges, in order. */
export const openCycles = (cycles: Cycle[]) =>
  cycles.filter((cycle) => cycle.status === 'open').sort((a, b) => a.month.localeCompare(b.month));

/** The quantities of one month, per offer (0 where nothing is pledged). */
export function quantitiesOf(pledges: Pledge[], month: string, offers: OfferView[]): Record<string, number> {
  const of = new Map(
    pledges.filter((line) => line.month === month).map((line) => [line.offerId, line.quantity]),
  );
  return Object.fromEntries(offers.map((offer) => [offer.id, of.get(offer.id) ?? 0]));
}
