import type { DataSource } from 'typeorm';
import { StageRunner } from '../../src/cycles/stages/stage-runner';
import { registry, seasonWithOffers, type Registry, type SeasonSetup } from '../support/season-fixtures';
import { consumerGroup, organicCertificate, vehicle } from '../support/rows';
import type { Api } from '../support/api';
import { userToken, type TestApp } from '../support/test-app';

/**
 * One complete partnership with a season of four months whose cycles stand at the four states
 * the write endpoints need, driven by calling the stages directly (the app under test runs as
 * the API role, so nothing else moves them):
 * - `settled`: the first month, run through dispatch (real shipments and manifests), receipts
 *   from every group and settlement;
 * - `dispatched`: the second month, waiting for receipts;
 * - `confirming`: the third month, waiting for confirmations;
 * - `open`: the fourth month, taking pledges.
 */
export interface World {
  r: Registry;
  season: SeasonSetup;
  cycles: { settled: string; dispatched: string; confirming: string; open: string };
  months: { settled: string; dispatched: string; confirming: string; open: string };
  vehicleId: string;
  /** shipments of the settled and of the dispatched cycle */
  shipments: { settled: string; dispatched: string };
  /** a violation of the confirming cycle (an offer over the export share) */
  violationId: string;
  /** the first member of the first group, the first cooperative, the organiser */
  memberId: string;
  groupId: string;
  cooperativeId: string;
  /** an offer of `cooperativeId` */
  offerId: string;
  organiserId: string;
  /** a group of the consumer territory not enrolled in the season */
  spareGroupId: string;
  /** the first group's full report of what arrived in the dispatched cycle */
  receiptLines: { offerId: string; quantity: number }[];
}

export interface WorldTokens {
  coordinator: string;
  member: string;
  cooperative: string;
  transporter: string;
}

async function one<T = { id: string }>(ds: DataSource, sql: string, params: unknown[] = []): Promise<T> {
  const rows = await ds.query(sql, params);
  return rows[0];
}

async function expectStatus(reply: Promise<{ status: number; text: string }>, status: number, what: string) {
  const r = await reply;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
}

export async function buildWorld(t: TestApp, api: Api, admin: string): Promise<World> {
  const ds = t.dataSource;
  const stages = t.app.get(StageRunner);
  const r = await registry(ds, { groups: 2, membersPerGroup: 2, cooperatives: 2 });
  for (const cooperativeId of r.cooperativeIds) await organicCertificate(ds, cooperativeId);
  const organiserId = r.transportOrganiserIds[0];
  const truck = await vehicle(ds, organiserId, { name: 'Truck', capacityKg: 20000, costPerKmMinor: 100 });
  const season = await seasonWithOffers(api, admin, r);
  const [m1, m2, m3, m4] = season.months;
  // Standing pledges: every member on every offer, every month (offer 3's capacity of 50 at a
  // 0.5 export share makes an EXPORT_SHARE violation in every month).
  for (const memberId of r.membersByGroup.flat()) {
    await expectStatus(
      api.as(admin).put('/seasons/{id}/members/{memberId}/pledges', {
        params: { id: season.seasonId, memberId },
        body: {
          lines: season.offers.map((o) => ({ offerId: o.id, quantity: 8 })),
        },
      }),
      200,
      'standing pledge',
    );
  }
  const toConfirming = async (month: string) => {
    const cycleId = season.cycleIds[month];
    if ((await stages.run(cycleId, 'open')) !== 'moved') throw new Error(`lock ${month}`);
    if ((await stages.run(cycleId, 'locked')) !== 'moved') throw new Error(`confirmations ${month}`);
    return cycleId;
  };
  const toDispatched = async (month: string) => {
    const cycleId = await toConfirming(month);
    for (const cooperativeId of r.cooperativeIds) {
      const demand = await api
        .as(admin)
        .get('/cycles/{id}/demand', { params: { id: cycleId }, query: { cooperativeId } });
      const lines = demand.body.map((d: { offerId: string; quantity: number }) => ({
        offerId: d.offerId,
        quantity: d.quantity,
      }));
      await expectStatus(
        api.as(admin).put('/cycles/{id}/confirmations/{cooperativeId}', {
          params: { id: cycleId, cooperativeId },
          body: { lines },
        }),
        200,
        'confirmation',
      );
    }
    if ((await stages.run(cycleId, 'confirming')) !== 'moved') throw new Error(`allocate ${month}`);
    if ((await stages.run(cycleId, 'allocated')) !== 'moved') throw new Error(`dispatch ${month}`);
    return cycleId;
  };
  const settled = await toDispatched(m1);
  for (const consumerGroupId of r.groupIds) {
    const allocated: { offerId: string; quantity: number }[] = await ds.query(
      `SELECT offer_id AS "offerId", allocated::int AS quantity FROM group_allocations
        WHERE cycle_id = $1 AND consumer_group_id = $2`,
      [settled, consumerGroupId],
    );
    await expectStatus(
      api.as(admin).put('/cycles/{id}/receipts/{consumerGroupId}', {
        params: { id: settled, consumerGroupId },
        body: { lines: allocated },
      }),
      200,
      'receipt',
    );
  }
  if ((await stages.run(settled, 'received')) !== 'moved') throw new Error('settle');
  const dispatched = await toDispatched(m2);
  const confirming = await toConfirming(m3);
  const shipmentOf = async (cycleId: string) =>
    (await one(ds, `SELECT id FROM shipments WHERE cycle_id = $1 ORDER BY id LIMIT 1`, [cycleId])).id;
  const violation = await one(ds, `SELECT id FROM cycle_violations WHERE cycle_id = $1 ORDER BY id LIMIT 1`, [
    confirming,
  ]);
  if (!violation) throw new Error('no violation in the confirming cycle');
  return {
    r,
    season,
    cycles: { settled, dispatched, confirming, open: season.cycleIds[m4] },
    months: { settled: m1, dispatched: m2, confirming: m3, open: m4 },
    vehicleId: truck,
    shipments: { settled: await shipmentOf(settled), dispatched: await shipmentOf(dispatched) },
    violationId: violation.id,
    memberId: r.membersByGroup[0][0],
    groupId: r.groupIds[0],
    cooperativeId: r.cooperativeIds[0],
    offerId: season.offers[0].id,
    organiserId,
    spareGroupId: await consumerGroup(ds, r.consumerTerritoryId),
    receiptLines: await receiptLines(ds, dispatched, r.groupIds[0]),
  };
}

async function receiptLines(ds: DataSource, cycleId: string, consumerGroupId: string) {
  return ds.query(
    `SELECT offer_id AS "offerId", allocated::int AS quantity FROM group_allocations
      WHERE cycle_id = $1 AND consumer_group_id = $2 ORDER BY offer_id`,
    [cycleId, consumerGroupId],
  );
}

/**
 * The same world seen from its second organisations: the second group (and its first member),
 * the second cooperative (and its offer). Same partnership and season, other organisations.
 */
export async function siblingView(ds: DataSource, w: World): Promise<World> {
  return {
    ...w,
    groupId: w.r.groupIds[1],
    memberId: w.r.membersByGroup[1][0],
    cooperativeId: w.r.cooperativeIds[1],
    offerId: w.season.offers[2].id,
    receiptLines: await receiptLines(ds, w.cycles.dispatched, w.r.groupIds[1]),
  };
}

/** One login per non-admin role, each linked to the world's first organisation of its kind. */
export async function worldTokens(api: Api, admin: string, w: World): Promise<WorldTokens> {
  return {
    coordinator: await userToken(api, admin, 'coordinator', { consumerGroupId: w.groupId }),
    member: await userToken(api, admin, 'member', { memberId: w.memberId }),
    cooperative: await userToken(api, admin, 'cooperative', { cooperativeId: w.cooperativeId }),
    transporter: await userToken(api, admin, 'transporter', { transportOrganiserId: w.organiserId }),
  };
}
