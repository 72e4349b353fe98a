import type { EntityManager } from 'typeorm';
import { addMonths, DEFAULT_CALENDAR, seasonCycleDates } from '../../seasons/domain/calendar';
import type { DemoRegistry } from './demo-registry';
import { insertRows } from './insert-rows';

const CONSUMER_TIME_ZONE = 'Europe/Brussels';
const SEASON_MONTHS = 6;

/** This month as YYYY-MM in the consumer territory's time zone. */
function currentMonth(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: CONSUMER_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).format(now);
  return parts.slice(0, 7);
}

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** What the demo's months are played from (demo-months.ts). */
export interface DemoSeason {
  seasonId: string;
  /** By month, the first delivering this month. */
  cycleIds: string[];
  offers: { argan: string; dates: string; olive: string; saffron: string };
  /** The first month's own calendar dates, set once its stages have run. */
  firstMonthDates: { locksAt: Date; confirmBy: Date };
}

/**
 * The dates of each month. The first month delivers this month: its calendar dates are past,
 * and it is played to `settled` (demo-months.ts) under dates still ahead, so that the clock does
 * not run its stages first; they are set to the calendar's at the end. The second month is
 * `confirming`: locked an hour ago at the latest, the cooperatives given at least five days
 * from now to confirm (and its loading date at least a day after that), whatever the day of
 * the demo. The others are the calendar's, so their lock is always ahead.
 */
function demoCycleDates(firstMonth: string, lastMonth: string, now: Date) {
  const cycles = seasonCycleDates(firstMonth, lastMonth, CONSUMER_TIME_ZONE, DEFAULT_CALENDAR);
  const held = { locksAt: new Date(now.getTime() + 30 * DAY), confirmBy: new Date(now.getTime() + 35 * DAY) };
  const second = cycles[1];
  const locksAt = new Date(Math.min(second.locksAt.getTime(), now.getTime() - HOUR));
  const confirmBy = new Date(Math.max(second.confirmBy.getTime(), now.getTime() + 5 * DAY));
  const dayAfter = new Date(confirmBy.getTime() + DAY).toISOString().slice(0, 10);
  const loadingDate = second.loadingDate > dayAfter ? second.loadingDate : dayAfter;
  return {
    first: { locksAt: cycles[0].locksAt, confirmBy: cycles[0].confirmBy },
    rows: cycles.map((c, index) =>
      index === 0 ? { ...c, ...held } : index === 1 ? { ...c, locksAt, confirmBy, loadingDate } : c,
    ),
  };
}

/**
 * A six-month season delivering from this month on, with offers of both cooperatives, both
 * groups enrolled, standing pledges for every member and delivery pledges of the cooperatives.
 */
export async function seedSeason(m: EntityManager, ids: DemoRegistry, now = new Date()): Promise<DemoSeason> {
  const firstMonth = currentMonth(now);
  const lastMonth = addMonths(firstMonth, SEASON_MONTHS - 1);
  const [seasonId] = await insertRows(
    m,
    'seasons',
    [
      'partnership_id',
      'name',
      'producer_territory_id',
      'consumer_territory_id',
      'first_month',
      'last_month',
      'currency',
      'exchange_rate',
      'pickup_point_id',
    ],
    [
      [
        ids.partnershipId,
        `Saison solidaire ${firstMonth.slice(0, 4)}`,
        ids.territories.aitOurir,
        ids.territories.jette,
        firstMonth,
        lastMonth,
        'EUR',
        10.85,
        ids.pickupPointId,
      ],
    ],
  );
  await m.query(
    'INSERT INTO season_transport_organisers (season_id, transport_organiser_id) VALUES ($1, $2)',
    [seasonId, ids.transportOrganiserId],
  );
  await m.query('INSERT INTO season_groups (season_id, consumer_group_id) VALUES ($1, $2), ($1, $3)', [
    seasonId,
    ids.consumerGroups.gasap,
    ids.consumerGroups.amap,
  ]);
  const calendar = demoCycleDates(firstMonth, lastMonth, now);
  const cycleIds = await insertRows(
    m,
    'cycles',
    ['season_id', 'month', 'locks_at', 'confirm_by', 'loading_date'],
    calendar.rows.map((c) => [
      seasonId,
      c.month,
      c.locksAt.toISOString(),
      c.confirmBy.toISOString(),
      c.loadingDate,
    ]),
  );
  const { tighanimine, ourika } = ids.cooperatives;
  const { arganOil, dates, oliveOil, saffron } = ids.products;
  // [cooperative, product, unit price (EUR cents), pack size, monthly capacity, delivery pledge]
  const offers: [string, string, number, number, number, number][] = [
    [tighanimine, arganOil, 1850, 6, 120, 55],
    [tighanimine, dates, 690, 10, 400, 150],
    [ourika, oliveOil, 1200, 6, 150, 60],
    [ourika, saffron, 900, 12, 60, 25],
  ];
  const offerIds = await insertRows(
    m,
    'offers',
    ['season_id', 'cooperative_id', 'product_id', 'unit_price_minor', 'pack_size', 'monthly_capacity'],
    offers.map(([cooperative, product, price, pack, capacity]) => [
      seasonId,
      cooperative,
      product,
      price,
      pack,
      capacity,
    ]),
  );
  // Standing pledges: every member, every month, a few units of each offer.
  const members = [
    ...ids.members.gasap.map((memberId) => [memberId, ids.consumerGroups.gasap]),
    ...ids.members.amap.map((memberId) => [memberId, ids.consumerGroups.amap]),
  ];
  await m.query(
    `INSERT INTO member_pledges (cycle_id, member_id, offer_id, consumer_group_id, quantity)
     SELECT c.cycle_id, p.member_id, p.offer_id, p.group_id, p.quantity
       FROM unnest($1::uuid[]) AS c(cycle_id)
      CROSS JOIN unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[]) AS p(member_id, group_id, offer_id, quantity)`,
    [
      cycleIds,
      ...(() => {
        const rows = members.flatMap(([memberId, groupId], i) =>
          offerIds.map(
            (offerId, o) => [memberId, groupId, offerId, 1 + ((i + 2 * o) % 4) * (o === 1 ? 3 : 1)] as const,
          ),
        );
        return [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])];
      })(),
    ],
  );
  // Written in bulk here, not through the pledge PUT: the live commitments follow them.
  await m.query(
    `INSERT INTO live_commitments (cycle_id, consumer_group_id, offer_id, quantity)
     SELECT cycle_id, consumer_group_id, offer_id, sum(quantity) FROM member_pledges
      WHERE cycle_id = ANY($1::uuid[])
      GROUP BY cycle_id, consumer_group_id, offer_id`,
    [cycleIds],
  );
  await m.query(
    `INSERT INTO delivery_pledges (cycle_id, offer_id, cooperative_id, quantity)
     SELECT c.cycle_id, o.offer_id, o.cooperative_id, o.quantity
       FROM unnest($1::uuid[]) AS c(cycle_id)
      CROSS JOIN unnest($2::uuid[], $3::uuid[], $4::int[]) AS o(offer_id, cooperative_id, quantity)`,
    [cycleIds, offerIds, offers.map((o) => o[0]), offers.map((o) => o[5])],
  );
  const [argan, datesOffer, olive, saffronOffer] = offerIds;
  return {
    seasonId,
    cycleIds,
    offers: { argan, dates: datesOffer, olive, saffron: saffronOffer },
    firstMonthDates: calendar.first,
  };
}
