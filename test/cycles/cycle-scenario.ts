import type { DataSource } from 'typeorm';
import { registry, seasonBody, type Registry } from '../support/season-fixtures';
import { charterVersion, organicCertificate } from '../support/rows';
import { Api } from '../support/api';
import { until } from '../support/wait';

const STATUSES = ['open', 'locked', 'confirming', 'allocated', 'dispatched', 'received', 'settled'];

/** Waits until the cycle has reached `status` (or moved past it: stages follow one another). */
export async function waitForStatus(api: Api, token: string, cycleId: string, status: string) {
  return until(`cycle ${cycleId} to reach ${status}`, 20_000, async () => {
    const reply = await api.as(token).get('/cycles/{id}', { params: { id: cycleId } });
    return STATUSES.indexOf(reply.body.status) >= STATUSES.indexOf(status) ? reply.body : undefined;
  });
}

export interface Scenario {
  r: Registry;
  seasonId: string;
  cycleId: string;
  month: string;
  offers: { o1: string; o2: string; o3: string; o4: string };
  demand: { o1: number; o2: number; o3: number; o4: number };
}

/**
 * Two groups of three members, two cooperatives (only the first certified organic), four
 * offers: o1 capped by the export share (capacity 100, share 0.5, demand 57), o2 confirmed
 * short, o3 and o4 of the uncertified cooperative (excluded; o4's violation gets waived and
 * its cooperative never confirms, so it is held to its delivery pledge of 10).
 */
export async function scenario(api: Api, admin: string, ds: DataSource): Promise<Scenario> {
  const r = await registry(ds, { groups: 2, membersPerGroup: 3, cooperatives: 2 });
  await organicCertificate(ds, r.cooperativeIds[0]);
  await charterVersion(ds, r.partnershipId, {
    organicRequired: true,
    maxExportShare: 0.5,
    maxMonthlyVariation: 0.3,
  });
  const season = await api.as(admin).post('/seasons', { body: seasonBody(r) });
  expect(season.status).toBe(201);
  const [{ id: cycleId, month }] = season.body.cycles;
  for (const consumerGroupId of r.groupIds) {
    expect(
      (
        await api
          .as(admin)
          .post('/seasons/{id}/groups', { params: { id: season.body.id }, body: { consumerGroupId } })
      ).status,
    ).toBe(201);
  }
  const offer = async (cooperative: number, product: number, packSize: number, monthlyCapacity: number) => {
    const reply = await api.as(admin).post('/seasons/{id}/offers', {
      params: { id: season.body.id },
      body: {
        cooperativeId: r.cooperativeIds[cooperative],
        productId: r.productIds[product],
        unitPriceMinor: 450,
        packSize,
        monthlyCapacity,
      },
    });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };
  const offers = {
    o1: await offer(0, 0, 6, 100),
    o2: await offer(0, 1, 4, 1000),
    o3: await offer(1, 0, 6, 1000),
    o4: await offer(1, 1, 5, 1000),
  };
  const demand = { o1: 0, o2: 0, o3: 0, o4: 0 };
  const members = r.membersByGroup.flat();
  for (const [i, memberId] of members.entries()) {
    const quantities = { o1: 7 + i, o2: 3 + 2 * i, o3: 5, o4: 4 + i };
    const lines = Object.entries(quantities).map(([key, quantity]) => ({
      offerId: offers[key as keyof typeof offers],
      quantity,
    }));
    const reply = await api.as(admin).put('/seasons/{id}/members/{memberId}/pledges/{month}', {
      params: { id: season.body.id, memberId, month },
      body: { lines },
    });
    expect(reply.status).toBe(200);
    for (const [key, quantity] of Object.entries(quantities)) demand[key as keyof typeof demand] += quantity;
  }
  const pledge = await api.as(admin).put('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
    params: { id: season.body.id, cooperativeId: r.cooperativeIds[1] },
    body: {
      lines: [{ offerId: offers.o4, month, quantity: 10 }],
    },
  });
  expect(pledge.status).toBe(200);
  return { r, seasonId: season.body.id, cycleId, month, offers, demand };
}
