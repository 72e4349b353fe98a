import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import type { Schemas } from '../cycle/queries';

const ALL = { limit: 500 as never };

async function optional<T>(call: Promise<T>, empty: T): Promise<T> {
  try {
    return await call;
  } catch {
    return empty;
  }
}

export interface SetupState {
  territories: Schemas['TerritoryDto'][];
  partnership: Schemas['PartnershipDto'] | null;
  groups: Schemas['ConsumerGroupDto'][];
  cooperatives: Schemas['CooperativeDto'][];
  pickupPoints: Schemas['PickupPointDto'][];
  organisers: Schemas['TransportOrganiserDto'][];
  products: Schemas['ProductDto'][];
  season: Schemas['SeasonDto'] | null;
  offers: Schemas['OfferViewDto'][];
  enrolled: Schemas['SeasonGroupDto'][];
  invitations: { email: string; role: string; status: string }[];
}

/**
 * Where a partnership's set-up stands, read from the API every time (never from this browser
 * alone), so a person can leave the guided steps and resume them anywhere.
 */
export function useSetupState(partnershipId: string | null) {
  return useQuery({
    queryKey: ['setup', partnershipId],
    queryFn: async (): Promise<SetupState> => {
      const [territories, partnership, groups, cooperatives, pickupPoints, organisers, products, seasons] =
        await Promise.all([
          data(api.GET('/territories', { params: { query: ALL } })),
          partnershipId
            ? data(api.GET('/partnerships/{id}', { params: { path: { id: partnershipId } } }))
            : Promise.resolve(null),
          data(api.GET('/consumer-groups', { params: { query: ALL } })),
          data(api.GET('/cooperatives', { params: { query: ALL } })),
          data(api.GET('/pickup-points', { params: { query: ALL } })),
          data(api.GET('/transport-organisers', { params: { query: ALL } })),
          data(api.GET('/products', { params: { query: ALL } })),
          data(api.GET('/seasons', { params: { query: ALL } })),
        ]);
      const inPartnership = (territoryId: string) => !!partnership?.territoryIds.includes(territoryId);
      const season = partnership
        ? (seasons.items.find((s) => s.partnershipId === partnership.id) ?? null)
        : null;
      const [offers, enrolled] = season
        ? await Promise.all([
            data(api.GET('/seasons/{id}/offers', { params: { path: { id: season.id }, query: ALL } })),
            data(api.GET('/seasons/{id}/groups', { params: { path: { id: season.id }, query: ALL } })),
          ])
        : [{ items: [] }, { items: [] }];
      // Invitations come with the accounts work; until the server has them the step stays open.
      const invitations = await optional(
        data(api.GET('/invitations')).then((body) => (Array.isArray(body) ? body : body.items)),
        [],
      );
      return {
        territories: territories.items,
        partnership,
        groups: groups.items.filter((g) => inPartnership(g.territoryId)),
        cooperatives: cooperatives.items.filter((c) => inPartnership(c.territoryId)),
        pickupPoints: pickupPoints.items.filter((p) => inPartnership(p.territoryId)),
        organisers: organisers.items.filter((o) => o.vehicles.length > 0),
        products: products.items,
        season,
        offers: offers.items,
        enrolled: enrolled.items,
        invitations,
      };
    },
  });
}
