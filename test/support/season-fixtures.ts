import type { DataSource } from 'typeorm';
import type { Api, RequestBody } from './api';
import {
  charterVersion,
  consumerGroup,
  cooperative,
  member,
  partnership,
  pickupPoint,
  product,
  territory,
  transportOrganiser,
} from './rows';
import { unique } from './test-app';

/**
 * Registry records for season and pledge tests, inserted straight into the tables (the
 * registry endpoints are tested on their own): a Moroccan producer territory and a Belgian
 * consumer territory bound by a partnership with a charter, consumer groups with members,
 * cooperatives, products, pickup points and a transport organiser.
 */
export interface Registry {
  consumerTerritoryId: string; // BE, Europe/Brussels
  producerTerritoryId: string; // MA, Africa/Casablanca
  partnershipId: string;
  groupIds: string[]; // in the consumer territory
  membersByGroup: string[][]; // members of groupIds[i]
  producerSideGroupId: string; // a group in the producer territory
  cooperativeIds: string[]; // in the producer territory
  consumerSideCooperativeId: string;
  productIds: string[];
  pickupPointId: string; // in the producer territory
  consumerSidePickupPointId: string;
  transportOrganiserIds: string[];
}

export async function registry(
  ds: DataSource,
  options: { groups?: number; membersPerGroup?: number; cooperatives?: number } = {},
): Promise<Registry> {
  const consumerTerritoryId = await territory(ds, 'BE', 'Europe/Brussels', 'EUR');
  const producerTerritoryId = await territory(ds, 'MA', 'Africa/Casablanca', 'MAD');
  const partnershipId = await partnership(ds, producerTerritoryId, consumerTerritoryId);
  await charterVersion(ds, partnershipId, { organicRequired: true, maxExportShare: 0.5 });
  const groupIds: string[] = [];
  const membersByGroup: string[][] = [];
  for (let g = 0; g < (options.groups ?? 2); g += 1) {
    const groupId = await consumerGroup(ds, consumerTerritoryId);
    groupIds.push(groupId);
    const members: string[] = [];
    for (let m = 0; m < (options.membersPerGroup ?? 3); m += 1) members.push(await member(ds, groupId));
    membersByGroup.push(members);
  }
  const cooperativeIds: string[] = [];
  for (let c = 0; c < (options.cooperatives ?? 2); c += 1)
    cooperativeIds.push(await cooperative(ds, producerTerritoryId));
  return {
    consumerTerritoryId,
    producerTerritoryId,
    partnershipId,
    groupIds,
    membersByGroup,
    producerSideGroupId: await consumerGroup(ds, producerTerritoryId),
    cooperativeIds,
    consumerSideCooperativeId: await cooperative(ds, consumerTerritoryId),
    productIds: [await product(ds), await product(ds)],
    pickupPointId: await pickupPoint(ds, producerTerritoryId),
    consumerSidePickupPointId: await pickupPoint(ds, consumerTerritoryId),
    transportOrganiserIds: [await transportOrganiser(ds)],
  };
}

/** A valid season body for the registry, to be varied by each test. */
export function seasonBody(
  r: Registry,
  overrides: Partial<RequestBody<'/seasons', 'post'>> = {},
): RequestBody<'/seasons', 'post'> {
  return {
    partnershipId: r.partnershipId,
    name: unique('season'),
    producerTerritoryId: r.producerTerritoryId,
    consumerTerritoryId: r.consumerTerritoryId,
    firstMonth: '2030-02',
    lastMonth: '2030-05',
    currency: 'EUR',
    exchangeRate: 10.85,
    pickupPointId: r.pickupPointId,
    transportOrganiserIds: r.transportOrganiserIds,
    ...overrides,
  };
}

/**
 * Row counts of the partnership's seasons and everything under them, to check that a rejected
 * write wrote nothing (scoped, because other test files write to the same database).
 */
export async function seasonTableCounts(
  ds: DataSource,
  partnershipId: string,
): Promise<Record<string, number>> {
  const [row] = await ds.query(
    `WITH s AS (SELECT id FROM seasons WHERE partnership_id = $1),
          c AS (SELECT id FROM cycles WHERE season_id IN (SELECT id FROM s))
     SELECT (SELECT count(*) FROM s)::int AS seasons,
            (SELECT count(*) FROM season_transport_organisers WHERE season_id IN (SELECT id FROM s))::int AS organisers,
            (SELECT count(*) FROM season_groups WHERE season_id IN (SELECT id FROM s))::int AS groups,
            (SELECT count(*) FROM offers WHERE season_id IN (SELECT id FROM s))::int AS offers,
            (SELECT count(*) FROM c)::int AS cycles,
            (SELECT count(*) FROM member_pledges WHERE cycle_id IN (SELECT id FROM c))::int AS member_pledges,
            (SELECT count(*) FROM delivery_pledges WHERE cycle_id IN (SELECT id FROM c))::int AS delivery_pledges`,
    [partnershipId],
  );
  return row;
}

/** Season-level records created through the API (the endpoints under test in this area). */
export interface SeasonSetup {
  seasonId: string;
  months: string[];
  cycleIds: Record<string, string>;
  /** offers[0], offers[1]: cooperativeIds[0]'s; offers[2]: cooperativeIds[1]'s */
  offers: { id: string; cooperativeId: string; productId: string; monthlyCapacity: number }[];
}

export async function seasonWithOffers(
  api: Api,
  admin: string,
  r: Registry,
  options: { enrol?: string[]; season?: Partial<RequestBody<'/seasons', 'post'>> } = {},
): Promise<SeasonSetup> {
  const season = await api.as(admin).post('/seasons', { body: seasonBody(r, options.season) });
  if (season.status !== 201) throw new Error(`season: ${season.status} ${season.text}`);
  const seasonId: string = season.body.id;
  for (const consumerGroupId of options.enrol ?? r.groupIds) {
    const enrolled = await api
      .as(admin)
      .post('/seasons/{id}/groups', { params: { id: seasonId }, body: { consumerGroupId } });
    if (enrolled.status !== 201) throw new Error(`enrol: ${enrolled.status} ${enrolled.text}`);
  }
  const offers: SeasonSetup['offers'] = [];
  const specs = [
    { cooperativeId: r.cooperativeIds[0], productId: r.productIds[0], monthlyCapacity: 1000 },
    { cooperativeId: r.cooperativeIds[0], productId: r.productIds[1], monthlyCapacity: 301 },
    { cooperativeId: r.cooperativeIds[1], productId: r.productIds[0], monthlyCapacity: 50 },
  ];
  for (const spec of specs) {
    const offer = await api.as(admin).post('/seasons/{id}/offers', {
      params: { id: seasonId },
      body: { ...spec, unitPriceMinor: 250, packSize: 6 },
    });
    if (offer.status !== 201) throw new Error(`offer: ${offer.status} ${offer.text}`);
    offers.push({ id: offer.body.id, ...spec });
  }
  const cycles: { id: string; month: string }[] = season.body.cycles;
  return {
    seasonId,
    months: cycles.map((c) => c.month),
    cycleIds: Object.fromEntries(cycles.map((c) => [c.month, c.id])),
    offers,
  };
}

/** What the database holds for a member in a season, as `month → {offerId: quantity}`. */
export async function storedPledges(
  ds: DataSource,
  seasonId: string,
  memberId: string,
): Promise<Record<string, Record<string, number>>> {
  const rows: { month: string; offer_id: string; quantity: number }[] = await ds.query(
    `SELECT c.month, mp.offer_id, mp.quantity FROM member_pledges mp JOIN cycles c ON c.id = mp.cycle_id
     WHERE c.season_id = $1 AND mp.member_id = $2 ORDER BY c.month, mp.offer_id`,
    [seasonId, memberId],
  );
  const byMonth: Record<string, Record<string, number>> = {};
  for (const row of rows) (byMonth[row.month] ??= {})[row.offer_id] = row.quantity;
  return byMonth;
}
