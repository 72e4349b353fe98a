import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './fixtures';
import { apiPath } from './api-path';

/**
 * A season of its own for one test, made through the API as the demo admin: a new cooperative
 * (certified organic, with its own login), a new transport organiser (one truck, its own
 * login), the demo partnership, pickup point and groups, and the groups' members pledging the
 * first month. Tests running side by side each get theirs, so none moves another's cycle.
 */
export interface TestCycle {
  admin: Api;
  seasonId: string;
  seasonName: string;
  cycleId: string;
  month: string;
  cooperativeId: string;
  cooperative: { email: string; password: string };
  transporter: { email: string; password: string };
  /** The test cooperative's offer first, then the second cooperative's when there is one. */
  offerIds: string[];
  groupIds: string[];
  productName: string;
}

type Loose = any;

export const TEST_PASSWORD = 'a-long-test-password-2026';

export class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(
    request: APIRequestContext,
    email = DEMO.admin,
    password = DEMO_PASSWORD,
  ): Promise<Api> {
    const reply = await request.post(apiPath('/auth/login'), { data: { email, password } });
    expect(reply.status(), await reply.text()).toBe(200);
    return new Api(request, (await reply.json()).accessToken);
  }

  async call<T = Loose>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    expected?: number,
  ): Promise<T> {
    const reply = await this.request.fetch(`/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}` },
      data: body,
    });
    const text = await reply.text();
    if (expected !== undefined) expect(reply.status(), `${method} ${path}: ${text}`).toBe(expected);
    else expect(reply.ok(), `${method} ${path}: ${reply.status()} ${text}`).toBe(true);
    return text ? JSON.parse(text) : (undefined as T);
  }

  get = <T = Loose>(path: string) => this.call<T>('GET', path);
  post = <T = Loose>(path: string, body: unknown) => this.call<T>('POST', path, body);
  put = <T = Loose>(path: string, body: unknown) => this.call<T>('PUT', path, body);

  /**
   * Runs the cycle's next stages now, as an admin can, until it has reached `target`, and
   * answers the status it stands at. Some stages are followed at once by the next (lock by the
   * confirmation requests, allocation by dispatch), so a cycle run to `allocated` is usually
   * `dispatched` already: a test asks for what it needs to have happened, not for a stop.
   * `dispatched → received` is not a stage: the coordinators' receipts make it.
   */
  async advanceTo(cycleId: string, target: Stage): Promise<Stage> {
    const statusOf = async (): Promise<Stage> => (await this.get(`/cycles/${cycleId}`)).status;
    let status = await statusOf();
    while (STAGES.indexOf(status) < STAGES.indexOf(target)) {
      const before = status;
      if (FOLLOWED_BY_ITSELF.includes(status)) {
        // Never "run the next stage" here: the request reads the status when it arrives, and
        // the stage that follows by itself may have moved the cycle a step further by then.
        await expect
          .poll(statusOf, { timeout: 60_000, message: `cycle ${cycleId} past ${before}` })
          .not.toBe(before);
        status = await statusOf();
        continue;
      }
      const reply = await this.request.post(apiPath('/cycles/{id}/advance', { id: cycleId }), {
        headers: { authorization: `Bearer ${this.token}` },
      });
      // A stage that started by itself meanwhile has already moved the cycle: 422, and no harm.
      if (reply.status() !== 202) {
        expect(reply.status(), `advance from ${before}: ${await reply.text()}`).toBe(422);
        expect(await statusOf(), `advance from ${before} refused`).not.toBe(before);
      }
      await expect
        .poll(statusOf, { timeout: 60_000, message: `cycle ${cycleId} past ${before}` })
        .not.toBe(before);
      status = await statusOf();
    }
    return status;
  }
}

/** The seven stages of a cycle, in their order. */
export const STAGES = [
  'open',
  'locked',
  'confirming',
  'allocated',
  'dispatched',
  'received',
  'settled',
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Statuses a cycle leaves without an admin: a lock is followed at once by the confirmation
 * requests, an allocation by dispatch (`followedAtOnce` in src/), a dispatched cycle is received
 * once every group has recorded its receipt, and a received one is settled by the clock's next
 * tick (`dueStages`: always due; CLOCK_INTERVAL_MS, 15 s). Asking to "run the next stage" from
 * one of these races with what moves it: the request reads the status when it lands, and may
 * run the stage after the one meant.
 */
export const FOLLOWED_BY_ITSELF: readonly Stage[] = ['locked', 'allocated', 'dispatched', 'received'];

/** True once a cycle in `status` has gone through `stage`. */
export const reached = (status: string, stage: Stage) =>
  STAGES.indexOf(status as Stage) >= STAGES.indexOf(stage);

const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const monthsFromNow = (add: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + add);
  return d.toISOString().slice(0, 7);
};

export async function testCycle(
  request: APIRequestContext,
  options: {
    monthlyCapacity?: number;
    /**
     * A second cooperative with an offer the members pledge on too, which never confirms: the
     * cycle then waits for its confirm-by date instead of allocating as soon as the test's
     * cooperative has confirmed (the stage follows the last confirmation at once).
     */
    secondCooperative?: boolean;
    /** What that second cooperative pledges to deliver in the test's month (none when not given). */
    secondDeliveryPledge?: number;
  } = {},
): Promise<TestCycle> {
  const admin = await Api.signIn(request);
  const id = tag();
  const [partnership] = (await admin.get('/partnerships?limit=500')).items;
  const [producer, consumer] = await Promise.all(
    partnership.territoryIds.map((t: string) => admin.get(`/territories/${t}`)),
  ).then((ts) => (ts[0].countryCode === 'MA' ? ts : [ts[1], ts[0]]));
  const pickup = (await admin.get('/pickup-points?limit=500')).items.find(
    (p: { territoryId: string }) => p.territoryId === producer.id,
  );
  const groups = (await admin.get('/consumer-groups?limit=500')).items.filter(
    (g: { territoryId: string }) => g.territoryId === consumer.id,
  );
  const product = (await admin.get('/products?limit=500')).items.find((p: { name: string }) =>
    /argan/i.test(p.name),
  );
  const newCooperative = (name: string, contact: string) =>
    admin.post('/cooperatives', {
      territoryId: producer.id,
      name,
      contactEmail: contact,
      localSalesShare: 0.5,
      certificates: [
        {
          kind: 'organic',
          body: 'Ecocert',
          number: `MA-BIO-${contact.split('@')[0]}`,
          validFrom: '2020-01-01',
          validTo: '2040-12-31',
        },
      ],
    });
  const cooperative = await newCooperative(`Coopérative d'essai ${id}`, `coop-${id}@test.example`);
  const organiser = await admin.post('/transport-organisers', {
    name: `Transports d'essai ${id}`,
    side: 'third_party',
    contactEmail: `carrier-${id}@test.example`,
    locale: 'fr',
    vehicles: [{ name: 'Camion 12 t', mode: 'road', capacityKg: 12_000 }],
  });
  const month = monthsFromNow(2);
  const season = await admin.post('/seasons', {
    partnershipId: partnership.id,
    name: `Saison d'essai ${id}`,
    producerTerritoryId: producer.id,
    consumerTerritoryId: consumer.id,
    firstMonth: month,
    lastMonth: monthsFromNow(3),
    currency: 'EUR',
    exchangeRate: 10.8,
    pickupPointId: pickup.id,
    transportOrganiserIds: [organiser.id],
  });
  for (const group of groups) await admin.post(`/seasons/${season.id}/groups`, { consumerGroupId: group.id });
  const offer = await admin.post(`/seasons/${season.id}/offers`, {
    cooperativeId: cooperative.id,
    productId: product.id,
    unitPriceMinor: 1250,
    packSize: 6,
    monthlyCapacity: options.monthlyCapacity ?? 1000,
  });
  const offerIds = [offer.id];
  if (options.secondCooperative) {
    const other = await newCooperative(`Coopérative voisine ${id}`, `coop2-${id}@test.example`);
    const second = await admin.post(`/seasons/${season.id}/offers`, {
      cooperativeId: other.id,
      productId: product.id,
      unitPriceMinor: 1300,
      packSize: 6,
      monthlyCapacity: 1000,
    });
    offerIds.push(second.id);
    if (options.secondDeliveryPledge !== undefined)
      await admin.put(`/seasons/${season.id}/cooperatives/${other.id}/delivery-pledges`, {
        lines: [{ offerId: second.id, month, quantity: options.secondDeliveryPledge }],
      });
  }
  for (const group of groups) {
    // Members who left (another test may have a demo member leave) are pledged for by nobody.
    const members = (await admin.get(`/consumer-groups/${group.id}/members?limit=500`)).items.filter(
      (member: { active: boolean }) => member.active,
    );
    for (const [i, member] of members.entries()) {
      await admin.put(`/seasons/${season.id}/members/${member.id}/pledges/${month}`, {
        lines: offerIds.map((offerId) => ({ offerId, quantity: 2 + (i % 3) })),
      });
    }
  }
  const users = {
    cooperative: { email: `coop-user-${id}@test.example`, password: TEST_PASSWORD },
    transporter: { email: `carrier-user-${id}@test.example`, password: TEST_PASSWORD },
  };
  await admin.post('/users', { ...users.cooperative, role: 'cooperative', cooperativeId: cooperative.id });
  await admin.post('/users', {
    ...users.transporter,
    role: 'transporter',
    transportOrganiserId: organiser.id,
  });
  const cycle = season.cycles.find((c: { month: string }) => c.month === month);
  return {
    admin,
    seasonId: season.id,
    seasonName: season.name,
    cycleId: cycle.id,
    month,
    cooperativeId: cooperative.id,
    offerIds,
    groupIds: groups.map((g: { id: string }) => g.id),
    productName: product.name,
    ...users,
  };
}

/**
 * Runs the test cycle to confirming and has its cooperative confirm the whole demand, as the
 * cooperative would (unconfirmed, it would be held to a delivery pledge of 0 and ship nothing).
 */
export async function confirmWholeDemand(c: TestCycle): Promise<void> {
  await c.admin.advanceTo(c.cycleId, 'confirming');
  const demand = await c.admin.get(`/cycles/${c.cycleId}/demand?cooperativeId=${c.cooperativeId}`);
  await c.admin.put(`/cycles/${c.cycleId}/confirmations/${c.cooperativeId}`, {
    lines: demand.map((line: { offerId: string; quantity: number }) => ({
      offerId: line.offerId,
      quantity: line.quantity,
    })),
  });
}
