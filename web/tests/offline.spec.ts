import { as, demoSeason, freshMember, json, walk } from './support/api';
import type { Page } from '@playwright/test';
import {
  DEMO,
  expect,
  expectAccessible,
  monthName,
  say,
  screenshot,
  serverSays,
  signIn,
  test,
} from './support/fixtures';
import { apiPath } from './support/api-path';
import { testCycle } from './support/cycle-fixture';

type Line = { month: string; offerId: string; quantity: number };

/** The service worker controls the page and the app has read its data again through it (cached). */
async function whenControlledByTheServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForLoadState('networkidle');
}

async function pledgesOf(
  email: string,
  password: string,
  seasonId: string,
  memberId: string,
): Promise<Line[]> {
  const api = await as(email, password);
  const lines: Line[] = await json(
    api.get(apiPath('/seasons/{id}/members/{memberId}/pledges', { id: seasonId, memberId })),
  );
  await api.dispose();
  return lines;
}

test('offline after one visit: the pledge page opens from the cache, with the saved pledge', async ({
  page,
  context,
  language,
  text,
}) => {
  const season = await demoSeason();
  const open = season.cycles
    .filter((cycle) => cycle.status === 'open')
    .sort((a, b) => a.month.localeCompare(b.month));
  const offer = season.offers[0];
  const member = await freshMember('one-visit');
  const api = await as(member.email, member.password);
  const put = await api.put(
    apiPath('/seasons/{id}/members/{memberId}/pledges/{month}', {
      id: season.seasonId,
      memberId: member.memberId,
      month: open[0].month,
    }),
    {
      data: { lines: [{ offerId: offer.id, quantity: 4 }] },
    },
  );
  expect(put.status(), await put.text()).toBe(200);
  await api.dispose();
  // The session cookie without a page: the one visit is the pledge page itself, as a member
  // who opens the app from the home screen, signed in before.
  const login = await context.request.post(apiPath('/auth/login'), {
    data: { email: member.email, password: member.password },
  });
  expect(login.status()).toBe(200);

  // On a slow line (as `npm run bench:web`), the page's first reads are answered before the
  // service worker, installing meanwhile, controls the page: they never pass through it.
  const line = await context.newCDPSession(page);
  await line.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: 50_000,
    uploadThroughput: 50_000,
  });
  await page.goto('/');
  const month = monthName(language, open[0].month);
  const form = page.getByRole('form', { name: month, exact: true });
  await expect(form.getByRole('spinbutton', { name: offer.product.name })).toHaveValue('4');
  await whenControlledByTheServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(form.getByRole('spinbutton', { name: offer.product.name })).toHaveValue('4');
  await expect(page.getByRole('button', { name: text.account.signOut })).toBeVisible();
});

test('offline: a pledge typed without a connection waits, is shown as waiting, and is sent when the connection returns', async ({
  page,
  context,
  language,
  text,
}, testInfo) => {
  const season = await demoSeason();
  const open = season.cycles
    .filter((cycle) => cycle.status === 'open')
    .sort((a, b) => a.month.localeCompare(b.month));
  const offer = season.offers[0];
  const member = await freshMember('offline');
  await signIn(page, text, member.email, member.password);
  await whenControlledByTheServiceWorker(page);
  const month = monthName(language, open[0].month);
  const form = page.getByRole('form', { name: month, exact: true });
  await expect(form.getByRole('spinbutton', { name: offer.product.name })).toBeVisible();

  await context.setOffline(true);
  await form.getByRole('spinbutton', { name: offer.product.name }).fill('7');
  await form.getByRole('button', { name: say(text.pledge.saveMonth, { month }) }).click();
  await expect(form.getByRole('status')).toHaveText(say(text.pledge.waiting, { month }));
  await expect(
    page.getByRole('status').filter({ hasText: text.outbox.offline_other.split('.')[0] }),
  ).toBeVisible();
  expect(
    (await pledgesOf(member.email, member.password, season.seasonId, member.memberId)).some(
      (line) => line.quantity === 7,
    ),
  ).toBe(false);
  // Reloaded offline, the app comes from its cache and still shows the waiting pledge.
  await page.reload();
  await expect(form.getByRole('spinbutton', { name: offer.product.name })).toHaveValue('7');
  await expect(form.getByRole('status')).toHaveText(say(text.pledge.waiting, { month }));
  await expectAccessible(page);
  await screenshot(page, testInfo, '14-offline-waiting');

  await context.setOffline(false);
  await expect(form.getByRole('status')).toHaveText(text.pledge.sent);
  const lines = await pledgesOf(member.email, member.password, season.seasonId, member.memberId);
  expect(lines.find((line) => line.month === open[0].month && line.offerId === offer.id)?.quantity).toBe(7);
});

// The outbox's first flush at start (nothing queued yet) must not leave it "busy": the write
// queued afterwards has to go when the connection returns, and meet the month now locked.
test('offline: a queued pledge for a month that locked meanwhile is explained in plain words, and the input kept', async ({
  page,
  context,
  language,
  text,
}, testInfo) => {
  // It locks the season's last month: once, in one project, so the other journeys keep theirs.
  test.skip(
    testInfo.project.name !== 'phone-ar' && testInfo.project.name !== 'desktop-fr',
    'locks a month: two projects only',
  );
  const season = await demoSeason();
  const open = season.cycles
    .filter((cycle) => cycle.status === 'open')
    .sort((a, b) => a.month.localeCompare(b.month));
  const target = testInfo.project.name === 'phone-ar' ? open.at(-1)! : open.at(-2)!;
  const offer = season.offers[1];
  const member = await freshMember('locked');
  await signIn(page, text, member.email, member.password);
  await whenControlledByTheServiceWorker(page);
  const month = monthName(language, target.month);
  await page.getByLabel(text.pledge.month, { exact: true }).selectOption(target.month);
  const form = page.getByRole('form', { name: month, exact: true });
  await expect(form.getByRole('spinbutton', { name: offer.product.name })).toBeVisible();

  await context.setOffline(true);
  await form.getByRole('spinbutton', { name: offer.product.name }).fill('9');
  await form.getByRole('button', { name: say(text.pledge.saveMonth, { month }) }).click();
  await expect(form.getByRole('status')).toHaveText(say(text.pledge.waiting, { month }));

  const admin = await as(DEMO.admin);
  await walk(admin, target.id, 'locked');
  await admin.dispose();
  await context.setOffline(false);

  // In the reader's words only: the server's English reason is not appended.
  await expect(form.getByRole('status')).toHaveText(say(text.pledge.lockedMeanwhile, { month }));
  await expect(form.getByRole('spinbutton', { name: offer.product.name })).toHaveValue('9');
  await expectAccessible(page);
  await screenshot(page, testInfo, '15-offline-locked-meanwhile');

  // Sent again online, the server's 422 is said in the page's language, none of it in English.
  await form.getByRole('button', { name: say(text.pledge.saveMonth, { month }) }).click();
  await expect(form.getByRole('status')).toHaveText(
    say(text.pledge.locked, { month, reason: serverSays(text, 'monthClosed', { month }) }),
  );
  await expect(form.getByRole('status').locator('[lang="en"]')).toHaveCount(0);
  await expect(form.getByRole('spinbutton', { name: offer.product.name })).toHaveValue('9');
});

test('offline, a page never opened on this device says it will load when the connection returns, and then loads', async ({
  page,
  context,
  request,
  text,
}) => {
  const c = await testCycle(request);
  await signIn(page, text, c.cooperative.email, c.cooperative.password);
  await whenControlledByTheServiceWorker(page);

  await context.setOffline(true);
  // The season's plan has never been read here: nothing of it is kept, so no figure to show.
  await page.getByRole('link', { name: text.cooperative.planAction }).first().click();
  const waiting = page.getByRole('status').filter({ hasText: text.common.notKept });
  await expect(waiting).toBeVisible();
  await expect(page.getByText(text.common.loading)).toHaveCount(0);
  await expectAccessible(page);

  await context.setOffline(false);
  await expect(waiting).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c.seasonName);
});
