import type { Browser, Page } from '@playwright/test';
import { Api, TEST_PASSWORD } from './support/cycle-fixture';
import {
  DEMO,
  expect,
  expectAccessible,
  linkInMail,
  monthName,
  say,
  signIn,
  test,
  type Language,
} from './support/fixtures';
import { wizardFirstHalf, wizardNames, wizardSecondHalf } from './support/setup-wizard';
import type en from '../src/i18n/en.json';

type Catalogue = typeof en;

/** A person of its own: a browser context of its own, at the project's size and language. */
async function person(browser: Browser, like: Page, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: like.viewportSize(),
    locale: await like.evaluate(() => navigator.language),
    hasTouch: true,
    timezoneId: 'Europe/Brussels',
    serviceWorkers: 'allow',
  });
  return context.newPage();
}

/** Follows the invitation mailed to `email`, chooses a password, and lands signed in. */
async function acceptInvitation(page: Page, text: Catalogue, email: string): Promise<void> {
  const link = new URL(await linkInMail(email, '/invitations/accept'));
  await page.goto(link.pathname + link.search);
  await page.getByLabel(text.fields.newPassword, { exact: true }).fill(TEST_PASSWORD);
  await page.getByLabel(text.fields.repeatPassword).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: text.invitation.submit }).click();
  await expect(page.getByRole('button', { name: text.account.signOut })).toBeVisible();
}

// One long journey through every role: it runs in one project (phone, French) to keep the
// suite's time reasonable; each of its pages is tested in every project by its own spec.
test('end to end: the admin sets a partnership up in the browser, members pledge, the cycle runs, the cooperative confirms offline then online, and the transporter downloads the manifest', async ({
  page,
  browser,
  baseURL,
  request,
  language,
  text,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone-fr', 'one long journey: phone, French only');
  test.setTimeout(240_000);
  const api = await Api.signIn(request);
  const argan = (await api.get('/products?limit=500')).items.find((p: { name: string }) =>
    /argan/i.test(p.name),
  );
  const n = wizardNames(`${Date.now().toString(36)}e2e`);

  // 1. The admin, in the browser, from nothing to invitations.
  await signIn(page, text, DEMO.admin);
  await wizardFirstHalf(page, text, n);
  await wizardSecondHalf(page, text, n, argan.name);
  const partnership = (await api.get('/partnerships?limit=500')).items.find(
    (p: { name: string }) => p.name === n.partnership,
  );
  const season = (await api.get('/seasons?limit=500')).items.find(
    (s: { partnershipId: string }) => s.partnershipId === partnership.id,
  );
  const group = (await api.get('/consumer-groups?limit=500')).items.find(
    (g: { name: string }) => g.name === n.group,
  );
  const [offer] = (await api.get(`/seasons/${season.id}/offers`)).items;
  const cycles = (await api.get(`/seasons/${season.id}/cycles`)).sort(
    (a: { month: string }, b: { month: string }) => a.month.localeCompare(b.month),
  );
  const cycle = cycles[0];

  // 2. Three members of the new group; one pledges in the browser, two through the API.
  const members = [];
  for (const i of [1, 2, 3]) {
    const email = `member${i}-${n.tag}@wizard.example`;
    const member = await api.post(`/consumer-groups/${group.id}/members`, { name: `Membre ${i}`, email });
    await api.post('/users', { email, password: TEST_PASSWORD, role: 'member', memberId: member.id });
    members.push({ ...member, email });
  }
  const memberPage = await person(browser, page, baseURL!);
  await signIn(memberPage, text, members[0].email, TEST_PASSWORD);
  const month = monthName(language as Language, cycle.month);
  const form = memberPage.getByRole('form', { name: month, exact: true });
  await form.getByRole('spinbutton', { name: offer.product.name }).fill('6');
  await form.getByRole('button', { name: say(text.pledge.saveMonth, { month }) }).click();
  await expect(form.getByRole('status')).toHaveText(say(text.pledge.saved, { month }));
  await expectAccessible(memberPage);
  await memberPage.context().close();
  for (const [i, member] of members.slice(1).entries()) {
    await api.put(`/seasons/${season.id}/members/${member.id}/pledges/${cycle.month}`, {
      lines: [{ offerId: offer.id, quantity: 4 + i }],
    });
  }

  // 3. The cooperative accepts its invitation; the admin runs the lock from the dashboard.
  const coop = await person(browser, page, baseURL!);
  await acceptInvitation(coop, text, n.cooperativeEmail.replace('coop-', 'coop-user-'));
  await page.goto(`/admin/cycles/${cycle.id}`);
  await page.getByRole('button', { name: say(text.admin.runNext, { stage: text.stages.locked }) }).click();
  await page.getByRole('button', { name: text.admin.runNextConfirm }).click();
  await expect(
    page.getByText(say(text.admin.cycleStatus, { status: text.status.confirming })).first(),
  ).toBeVisible({
    timeout: 60_000,
  });

  // 4. On its phone, the cooperative opens the demand, loses the connection, confirms, and is back.
  await coop.goto('/cooperative');
  await coop.getByRole('link', { name: text.cooperative.confirmAction, exact: true }).click();
  const input = coop.getByRole('spinbutton', {
    name: say(text.cooperative.confirmFor, { product: offer.product.name }),
  });
  await expect(input).toHaveValue('15');
  await coop.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await coop.context().setOffline(true);
  await input.fill('12');
  await coop.getByRole('button', { name: text.cooperative.confirmSubmit }).click();
  await expect(coop.getByRole('status').filter({ hasText: text.cooperative.confirmQueued })).toBeVisible();
  expect((await api.get(`/cycles/${cycle.id}/confirmations/${offer.cooperative.id}`)).version).toBe(0);
  await coop.context().setOffline(false);
  await expect(coop.getByRole('status').filter({ hasText: text.cooperative.confirmSaved })).toBeVisible({
    timeout: 30_000,
  });
  // The only cooperative has confirmed: allocation and dispatch follow by themselves.
  await expect
    .poll(async () => (await api.get(`/cycles/${cycle.id}`)).status, { timeout: 60_000 })
    .toBe('dispatched');
  const allocations = (await api.get(`/cycles/${cycle.id}/allocations?limit=500`)).items;
  expect(allocations.reduce((sum: number, line: { allocated: number }) => sum + line.allocated, 0)).toBe(12);
  await coop.context().close();

  // 5. The transporter accepts its invitation and downloads the month's manifest.
  const carrier = await person(browser, page, baseURL!);
  await acceptInvitation(carrier, text, n.organiserEmail.replace('carrier-', 'carrier-user-'));
  await carrier.goto('/transporter');
  await carrier
    .getByRole('main')
    .getByRole('link', { name: text.transporter.shipmentsAction, exact: true })
    .click();
  const [shipment] = (await api.get(`/cycles/${cycle.id}/shipments`)).items;
  await expect(carrier.getByRole('main')).toContainText(n.group);
  const [download] = await Promise.all([
    carrier.waitForEvent('download'),
    carrier.getByRole('link', { name: text.transporter.pdf }).click(),
  ]);
  expect(download.suggestedFilename()).toContain(shipment.manifest.number);
  await expectAccessible(carrier);
  await carrier.context().close();
});
