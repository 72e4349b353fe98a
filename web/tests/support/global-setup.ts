import { expect, type APIRequestContext } from '@playwright/test';
import { as, demoSeason, json, walk, waitForStatus } from './api';
import { DEMO } from './fixtures';
import { apiPath } from './api-path';

/** Each group's coordinator records what arrived: everything, but one unit short on the first line. */
async function receiveEverywhere(cycleId: string): Promise<void> {
  for (const coordinator of ['coordinator.gasap@proxima.demo', 'coordinator.amap@proxima.demo']) {
    const api = await as(coordinator);
    const me = await json(api.get(apiPath('/me')));
    const groupId = me.organisation.id as string;
    const receipt = await json(
      api.get(apiPath('/cycles/{id}/receipts/{consumerGroupId}', { id: cycleId, consumerGroupId: groupId })),
    );
    const lines = receipt.lines.map((line: { offerId: string; allocated: number }, index: number) => ({
      offerId: line.offerId,
      quantity: index === 0 ? Math.max(0, line.allocated - 1) : line.allocated,
    }));
    const put = await api.put(
      apiPath('/cycles/{id}/receipts/{consumerGroupId}', { id: cycleId, consumerGroupId: groupId }),
      { data: { lines } },
    );
    expect([200, 201], await put.text()).toContain(put.status());
    await api.dispose();
  }
}

async function settle(admin: APIRequestContext, cycleId: string): Promise<void> {
  await walk(admin, cycleId, 'dispatched');
  await receiveEverywhere(cycleId);
  await expect
    .poll(async () => (await json(admin.get(apiPath('/cycles/{id}', { id: cycleId })))).status, {
      timeout: 60_000,
    })
    .toMatch(/^(received|settled)$/);
  await walk(admin, cycleId, 'settled');
  await waitForStatus(admin, cycleId, 'settled');
}

/**
 * Before the journeys, through the API as the cycle would go by itself: the demo season's first
 * month settled (locked, allocated with the cooperatives held to their delivery pledges,
 * dispatched, received one unit short, settled), so that past months and statements have
 * something to show; and the next month dispatched, so a coordinator has a delivery to record.
 * A demo that already has such months is left as it is.
 */
export default async function globalSetup(): Promise<void> {
  const months = async () => [...(await demoSeason()).cycles].sort((a, b) => a.month.localeCompare(b.month));
  const admin = await as(DEMO.admin);
  const before = await months();
  if (!before.some((cycle) => cycle.status === 'settled')) await settle(admin, before[0].id);
  const after = await months();
  if (!after.some((cycle) => cycle.status === 'dispatched')) {
    const next = after.find((cycle) => !['settled', 'received'].includes(cycle.status));
    if (next) await walk(admin, next.id, 'dispatched');
  }
  await admin.dispose();
}
