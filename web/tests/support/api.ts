import { expect, request, type APIRequestContext } from '@playwright/test';
import { FOLLOWED_BY_ITSELF, STAGES, type Stage } from './cycle-fixture';
import { DEMO, DEMO_PASSWORD } from './fixtures';
import { apiPath } from './api-path';

/**
 * The API as the tests' own client (Bearer tokens, as any API client), for the data a journey
 * starts from: fresh members, a cycle walked through its stages. The browser under test never
 * sees these tokens; it signs in through the form and holds the session cookie.
 */
export const baseURL = `http://127.0.0.1:${process.env.WEB_TEST_PORT ?? '3106'}`;

export async function as(email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const anonymous = await request.newContext({ baseURL });
  const login = await anonymous.post(apiPath('/auth/login'), { data: { email, password } });
  expect(login.status(), `login of ${email}`).toBe(200);
  const { accessToken } = await login.json();
  await anonymous.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${accessToken}` } });
}

export async function json<T = any>(
  call: Promise<{ status(): number; json(): Promise<unknown>; url(): string }>,
  status = 200,
): Promise<T> {
  const response = await call;
  expect(response.status(), response.url()).toBe(status);
  return (await response.json()) as T;
}

export interface DemoSeason {
  seasonId: string;
  groupId: string;
  cycles: { id: string; month: string; status: string; locksAt: string }[];
  offers: { id: string; product: { name: string; unit: string }; unitPriceMinor: number }[];
}

/** The demo's season, its GASAP Jette Centre group, its cycles and offers. */
export async function demoSeason(): Promise<DemoSeason> {
  const admin = await as(DEMO.admin);
  const seasons = await json(admin.get(apiPath('/seasons')));
  const seasonId = seasons.items[0].id as string;
  const groups = await json(admin.get(apiPath('/consumer-groups')));
  const groupId = groups.items.find((group: { name: string }) => group.name === 'GASAP Jette Centre')
    .id as string;
  const cycles = await json(admin.get(apiPath('/seasons/{id}/cycles', { id: seasonId })));
  const offers = await json(admin.get(apiPath('/seasons/{id}/offers', { id: seasonId })));
  await admin.dispose();
  return { seasonId, groupId, cycles, offers: offers.items };
}

let counter = 0;

/** A member of GASAP Jette Centre of its own, with a login: a journey changes only its own data. */
export async function freshMember(
  label: string,
): Promise<{ email: string; password: string; memberId: string; name: string }> {
  const admin = await as(DEMO.admin);
  const { groupId } = await demoSeason();
  counter += 1;
  const tag = `${label}-${process.pid}-${counter}-${Date.now().toString(36)}`;
  const email = `${tag}@members.example`;
  // Unique across the workers too (each counts from 1), as two links of one name would be ambiguous.
  const name = `Test ${label} ${process.pid}-${counter}`;
  const member = await json(
    admin.post(apiPath('/consumer-groups/{id}/members', { id: groupId }), { data: { name, email } }),
    201,
  );
  const password = 'a-long-test-password-2026';
  await json(
    admin.post(apiPath('/users'), { data: { email, password, role: 'member', memberId: member.id } }),
    201,
  );
  await admin.dispose();
  return { email, password, memberId: member.id, name };
}

/**
 * Runs a cycle's next stages now, as an admin can, until it reaches `target` (a stage runs on the
 * worker after the 202; its status is read until it moves). From a status the cycle leaves by
 * itself (FOLLOWED_BY_ITSELF: after a lock, an allocation, the last receipt) it only waits, never
 * racing the worker's own job; `dispatched` is left by the coordinators' receipts, so a walk
 * past it needs them recorded first.
 */
export async function walk(admin: APIRequestContext, cycleId: string, target: Stage): Promise<void> {
  const statusOf = async () =>
    (await json(admin.get(apiPath('/cycles/{id}', { id: cycleId })))).status as Stage;
  let status: Stage = await statusOf();
  while (STAGES.indexOf(status) < STAGES.indexOf(target)) {
    const from = status;
    if (!FOLLOWED_BY_ITSELF.includes(from)) {
      const advanced = await admin.post(apiPath('/cycles/{id}/advance', { id: cycleId }));
      // The clock may have run this very stage meanwhile (its date passed): then the cycle is
      // past `from` and nothing was queued (422), or the job queued runs from where it is now.
      if (advanced.status() === 422 && (await statusOf()) !== from) {
        status = await statusOf();
        continue;
      }
      expect(advanced.status(), `advance from ${from}: ${await advanced.text()}`).toBe(202);
    }
    await expect.poll(statusOf, { timeout: 60_000, message: `cycle ${cycleId} past ${from}` }).not.toBe(from);
    status = await statusOf();
  }
}

/** A cycle's status, read until it is the one wanted (stages run on the worker, after a 202). */
export async function waitForStatus(api: APIRequestContext, cycleId: string, status: string): Promise<void> {
  await expect
    .poll(async () => (await json(api.get(apiPath('/cycles/{id}', { id: cycleId })))).status, {
      timeout: 60_000,
      message: `cycle ${cycleId} ${status}`,
    })
    .toBe(status);
}
