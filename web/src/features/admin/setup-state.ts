import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import { everyItem } from '../../api/pages';
import type { Schemas } from '../cycle/queries';

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
          everyItem((query) => data(api.GET('/territories', { params: { query } }))),
          partnershipId
            ? data(api.GET('/partnerships/{id}', { params: { path: { id: partnershipId } } }))
            : Promise.resolve(null),
          everyItem((query) => data(api.GET('/consumer-groups', { params: { query } }))),
          everyItem((query) => data(api.GET('/cooperatives', { params: { query } }))),
          everyItem((query) => data(api.GET('/pickup-points', { params: { query } }))),
          everyItem((query) => data(api.GET('/transport-organisers', { params: { query } }))),
          everyItem((query) => data(api.GET('/products', { params: { query } }))),
          everyItem((query) => data(api.GET('/seasons', { params: { query } }))),
        ]);
      const inPartnership = (territoryId: string) => !!partnership?.territoryIds.includes(territoryId);
      const season = partnership ? (seasons.find((s) => s.partnershipId === partnership.id) ?? null) : null;
      const [offers, enrolled] = season
        ? await Promise.all([
            everyItem((query) =>
              data(api.GET('/seasons/{id}/offers', { params: { path: { id: season.id }, query } })),
            ),
            everyItem((query) =>
              data(api.GET('/seasons/{id}/groups', { params: { path: { id: season.id }, query } })),
            ),
          ])
        : [[], []];
      // Invitations come with the accounts work; until the server has them the step stays open.
      const invitations = await optional(
        data(api.GET('/invitations')).then((body) => (Array.isArray(body) ? body : body.items)),
        [],
      );
      return {
        territories,
        partnership,
        groups: groups.filter((g) => inPartnership(g.territoryId)),
        cooperatives: cooperatives.filter((c) => inPartnership(c.territoryId)),
        pickupPoints: pickupPoints.filter((p) => inPartnership(p.territoryId)),
        organisers: organisers.filter((o) => o.vehicles.length > 0),
        products,
        season,
        offers,
        enrolled,
        invitations,
      };
    },
  });
}
