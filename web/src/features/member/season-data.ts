import { queryOptions } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';

export type Offer = components['schemas']['OfferDto'];
export type Cycle = components['schemas']['SeasonCycleDto'];
export type Pledge = components['schemas']['MemberPledgeDto'];

/** What the pledge page says of an offer; the fields the API may not send are optional. */
export interface OfferView {
  id: string;
  product: string;
  unit: string;
  cooperative: string;
  territory?: string;
  unitPriceMinor: number;
  packSize: number;
  /** Live demand of the open month against what the charter lets the cooperative export. */
  demand?: { quantity: number; exportCap: number | null };
}

type Described = Offer & {
  product?: { name?: string; unit?: string };
  cooperative?: { name?: string; territory?: { name?: string } | string };
  demand?: number;
  exportCap?: number | null;
};

export function offerView(offer: Offer, index: number): OfferView {
  const described = offer as Described;
  const territory = described.cooperative?.territory;
  return {
    id: offer.id,
    product: described.product?.name ?? `#${index + 1}`,
    unit: described.product?.unit ?? '',
    cooperative: described.cooperative?.name ?? '',
    territory: typeof territory === 'string' ? territory : territory?.name,
    unitPriceMinor: offer.unitPriceMinor,
    packSize: offer.packSize,
    demand:
      typeof described.demand === 'number'
        ? { quantity: described.demand, exportCap: described.exportCap ?? null }
        : undefined,
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
