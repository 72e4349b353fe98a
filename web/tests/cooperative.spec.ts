import type { Page } from '@playwright/test';
import { testCycle, type TestCycle } from './support/cycle-fixture';
import {
  dateTimeIn,
  expect,
  expectAccessible,
  expectLanguage,
  expectNoSidewaysScroll,
  figure,
  money,
  monthName,
  say,
  screenshot,
  signIn,
  test,
} from './support/fixtures';

/** Opens the confirmation page online once, so the service worker holds the app and its data. */
async function openConfirmation(page: Page, c: TestCycle) {
  await page.goto(`/cooperative/cycles/${c.cycleId}/confirm`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.getByRole('spinbutton').first()).toBeVisible();
}

test.describe('cooperative', () => {
  test('reads its plan, pledges deliveries, and sees its loading list and what it is due', async ({
    page,
    request,
    language,
    text,
  }, testInfo) => {
    const c = await testCycle(request);
    await signIn(page, text, c.cooperative.email, c.cooperative.password);
    await expect(page).toHaveURL(/\/cooperative$/);
    await expectLanguage(page, language);
    await expectAccessible(page);
    await page.getByRole('link', { name: text.cooperative.planAction }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(c.seasonName);
    await expectNoSidewaysScroll(page);

    // Each month of the offer: what the groups committed (the members' pledges), capacity, cap.
    const plan = await c.admin.get(`/seasons/${c.seasonId}/plan`);
    const row = plan.find(
      (r: { offerId: string; month: string }) => r.offerId === c.offerIds[0] && r.month === c.month,
    );
    const offer = page.getByRole('region', { name: c.productName });
    const month = offer.getByRole('listitem').filter({ hasText: monthName(language, c.month) });
    await expect(month.getByRole('definition').first()).toHaveText(figure(language, row.commitments));
    await expect(month.getByRole('definition').nth(1)).toHaveText(figure(language, 1000));
    const pledge = month.getByRole('spinbutton', {
      name: say(text.cooperative.pledgeForMonth, { month: monthName(language, c.month) }),
    });
    await expect(pledge).toHaveValue('0');
    const more = month.getByRole('button', { name: say(text.stepper.more, { what: '' }).trim() });
    await more.click();
    await more.click();
    await expect(pledge).toHaveValue('2');
    await expectAccessible(page);
    await screenshot(page, testInfo, '20-cooperative-plan');
    await page.getByRole('button', { name: text.cooperative.savePledges }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.pledgesSaved })).toBeVisible();
    const pledges = await c.admin.get(
      `/seasons/${c.seasonId}/cooperatives/${c.cooperativeId}/delivery-pledges`,
    );
    expect(pledges).toContainEqual({ offerId: c.offerIds[0], month: c.month, quantity: 2 });

    await c.admin.advanceTo(c.cycleId, 'allocated');
    const list = await c.admin.get(`/cycles/${c.cycleId}/loading-list`);
    await page.goto('/cooperative');
    await page.getByRole('link', { name: text.cooperative.loadingListAction }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: c.productName }).first()).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`^${text.cooperative.total}`) })).toContainText(
      figure(language, list.totals.packages),
    );
    await expect(page.getByRole('button', { name: text.cooperative.print })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: text.cooperative.print })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, testInfo, '22-cooperative-loading-list');

    await c.admin.advanceTo(c.cycleId, 'dispatched');
    for (const group of c.groupIds) {
      const expected = list.lines
        .filter((l: { consumerGroupId: string }) => l.consumerGroupId === group)
        .map((l: { offerId: string; units: number }) => ({ offerId: l.offerId, quantity: l.units }));
      if (expected.length > 0)
        await c.admin.put(`/cycles/${c.cycleId}/receipts/${group}`, { lines: expected });
    }
    await c.admin.advanceTo(c.cycleId, 'settled');
    const [due] = (await c.admin.get(`/cycles/${c.cycleId}/statements`)).cooperatives.filter(
      (one: { cooperativeId: string }) => one.cooperativeId === c.cooperativeId,
    );
    await page.goto('/cooperative');
    await page.getByRole('link', { name: text.cooperative.dueAction }).first().click();
    await expect(page.getByText(say(text.cooperative.dueOwn, { currency: 'MAD' }))).toBeVisible();
    await expect(page.getByText(money(language, due.dueMinor, 'EUR'))).toBeVisible();
    await expect(page.getByText(money(language, due.dueProducerMinor, 'MAD'))).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, '23-cooperative-due');
  });

  test('pledges deliveries without a connection: they wait, shown as waiting, and are sent when it returns', async ({
    page,
    context,
    request,
    language,
    text,
  }) => {
    const c = await testCycle(request);
    await signIn(page, text, c.cooperative.email, c.cooperative.password);
    await page.getByRole('link', { name: text.cooperative.planAction }).first().click();
    const month = page
      .getByRole('region', { name: c.productName })
      .getByRole('listitem')
      .filter({ hasText: monthName(language, c.month) });
    const pledge = month.getByRole('spinbutton', {
      name: say(text.cooperative.pledgeForMonth, { month: monthName(language, c.month) }),
    });
    await expect(pledge).toHaveValue('0');

    await context.setOffline(true);
    await month.getByRole('button', { name: say(text.stepper.more, { what: '' }).trim() }).click();
    await page.getByRole('button', { name: text.cooperative.savePledges }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.pledgesQueued })).toBeVisible();
    await expectAccessible(page);
    const pledges = () =>
      c.admin.get(`/seasons/${c.seasonId}/cooperatives/${c.cooperativeId}/delivery-pledges`);
    expect(await pledges()).not.toContainEqual({ offerId: c.offerIds[0], month: c.month, quantity: 1 });

    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.pledgesSaved })).toBeVisible({
      timeout: 30_000,
    });
    expect(await pledges()).toContainEqual({ offerId: c.offerIds[0], month: c.month, quantity: 1 });
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.pledgesQueued })).toHaveCount(0);
  });

  test('confirms the demand: never above it, the deadline in sight, and told when someone confirmed first', async ({
    page,
    request,
    language,
    text,
  }, testInfo) => {
    const c = await testCycle(request, { secondCooperative: true });
    await c.admin.advanceTo(c.cycleId, 'confirming');
    const cycle = await c.admin.get(`/cycles/${c.cycleId}`);
    const [demand] = await c.admin.get(`/cycles/${c.cycleId}/demand?cooperativeId=${c.cooperativeId}`);
    await signIn(page, text, c.cooperative.email, c.cooperative.password);
    // The home's next step (GET /me) is this confirmation, its deadline under it.
    await expect(page.getByText(dateTimeIn(language, cycle.confirmBy, 'Europe/Brussels'))).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, '19-cooperative-home');
    await page
      .getByRole('link', { name: say(text.next.confirm, { month: monthName(language, c.month) }) })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      say(text.cooperative.confirmTitle, { month: monthName(language, c.month) }),
    );
    await expect(page.getByText(dateTimeIn(language, cycle.confirmBy, 'Europe/Brussels'))).toBeVisible();
    await expect(page.getByText(figure(language, demand.packages)).first()).toBeVisible();

    const input = page.getByRole('spinbutton', {
      name: say(text.cooperative.confirmFor, { product: c.productName }),
    });
    await expect(input).toHaveValue(String(demand.quantity));
    await input.fill(String(demand.quantity + 5));
    await expect(input).toHaveValue(String(demand.quantity));
    await page.getByRole('button', { name: say(text.stepper.more, { what: '' }).trim() }).click();
    await expect(input).toHaveValue(String(demand.quantity));
    await input.fill(String(demand.quantity - 1));
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, testInfo, '21-cooperative-confirm');

    // Someone else confirms for the cooperative meanwhile: the page's version is stale (409).
    await c.admin.put(`/cycles/${c.cycleId}/confirmations/${c.cooperativeId}`, {
      lines: [{ offerId: c.offerIds[0], quantity: 3 }],
      version: 0,
    });
    await page.getByRole('button', { name: text.cooperative.confirmSubmit }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.refused409 })).toBeVisible();
    const counts = page.getByRole('region', { name: text.cooperative.whatCounts });
    await expect(counts).toContainText(c.productName);
    await expect(counts.locator('strong').first()).toContainText(figure(language, 3));
    await expect(input).toHaveValue(String(demand.quantity - 1));
    await expectAccessible(page);
    await page.getByRole('button', { name: text.cooperative.confirmAgain }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.confirmSaved })).toBeVisible();
    const state = await c.admin.get(`/cycles/${c.cycleId}/confirmations/${c.cooperativeId}`);
    expect(state).toMatchObject({
      version: 2,
      lines: [{ offerId: c.offerIds[0], quantity: demand.quantity - 1 }],
    });
  });

  test('confirms the demand offline: the confirmation waits, then goes when the connection returns', async ({
    page,
    context,
    request,
    text,
  }, testInfo) => {
    const c = await testCycle(request);
    await c.admin.advanceTo(c.cycleId, 'confirming');
    const [demand] = await c.admin.get(`/cycles/${c.cycleId}/demand?cooperativeId=${c.cooperativeId}`);
    await signIn(page, text, c.cooperative.email, c.cooperative.password);
    await openConfirmation(page, c);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const input = page.getByRole('spinbutton').first();
    await expect(input).toHaveValue(String(demand.quantity));
    await input.fill(String(demand.quantity - 2));
    await page.getByRole('button', { name: text.cooperative.confirmSubmit }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.confirmQueued })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, '24-cooperative-waiting');
    expect((await c.admin.get(`/cycles/${c.cycleId}/confirmations/${c.cooperativeId}`)).version).toBe(0);

    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.confirmSaved })).toBeVisible({
      timeout: 30_000,
    });
    const state = await c.admin.get(`/cycles/${c.cycleId}/confirmations/${c.cooperativeId}`);
    expect(state).toMatchObject({
      version: 1,
      lines: [{ offerId: c.offerIds[0], quantity: demand.quantity - 2 }],
    });
  });

  test('is told plainly when someone confirmed first while it was offline (409), and can confirm again', async ({
    page,
    context,
    request,
    language,
    text,
  }, testInfo) => {
    // A second cooperative keeps the cycle confirming after the other person's confirmation.
    const c = await testCycle(request, { secondCooperative: true });
    await c.admin.advanceTo(c.cycleId, 'confirming');
    const [demand] = await c.admin.get(`/cycles/${c.cycleId}/demand?cooperativeId=${c.cooperativeId}`);
    await signIn(page, text, c.cooperative.email, c.cooperative.password);
    await openConfirmation(page, c);
    await context.setOffline(true);
    await page
      .getByRole('spinbutton')
      .first()
      .fill(String(demand.quantity - 1));
    await page.getByRole('button', { name: text.cooperative.confirmSubmit }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.confirmQueued })).toBeVisible();
    await c.admin.put(`/cycles/${c.cycleId}/confirmations/${c.cooperativeId}`, {
      lines: [{ offerId: c.offerIds[0], quantity: 3 }],
      version: 0,
    });
    await context.setOffline(false);
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.refused409 })).toBeVisible({
      timeout: 30_000,
    });
    const counts = page.getByRole('region', { name: text.cooperative.whatCounts });
    await expect(counts).toContainText(c.productName);
    await expect(counts.locator('strong').first()).toContainText(figure(language, 3));
    await expect(page.getByRole('spinbutton').first()).toHaveValue(String(demand.quantity - 1));
    await expectAccessible(page);
    await screenshot(page, testInfo, '25-cooperative-conflict');
    await page.getByRole('button', { name: text.cooperative.confirmAgain }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.confirmSaved })).toBeVisible();
    const state = await c.admin.get(`/cycles/${c.cycleId}/confirmations/${c.cooperativeId}`);
    expect(state).toMatchObject({ version: 2, lines: [{ quantity: demand.quantity - 1 }] });
  });

  test('is told plainly when the cycle moved on while it was offline (422)', async ({
    page,
    context,
    request,
    text,
  }, testInfo) => {
    const c = await testCycle(request);
    await c.admin.advanceTo(c.cycleId, 'confirming');
    await signIn(page, text, c.cooperative.email, c.cooperative.password);
    await openConfirmation(page, c);
    await context.setOffline(true);
    await page.getByRole('button', { name: text.cooperative.confirmSubmit }).click();
    await expect(page.getByRole('status').filter({ hasText: text.cooperative.confirmQueued })).toBeVisible();
    // Allocation is followed at once by dispatch: the cycle is on its way when the phone is back.
    await c.admin.advanceTo(c.cycleId, 'dispatched');
    await context.setOffline(false);
    const movedOn = say(text.cooperative.refused422, { status: text.status.dispatched });
    await expect(page.getByRole('status').filter({ hasText: movedOn })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: text.cooperative.whatCounts })).toContainText(
      text.cooperative.heldToPledge,
    );
    await expect(page.getByRole('button', { name: text.cooperative.confirmSubmit })).toBeDisabled();
    await expectAccessible(page);
    await screenshot(page, testInfo, '26-cooperative-too-late');
  });
});
