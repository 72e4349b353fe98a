import { readFileSync } from 'node:fs';
import { as, demoSeason, freshMember, json } from './support/api';
import {
  DEMO,
  expect,
  expectAccessible,
  expectLanguage,
  isolated,
  monthName,
  say,
  screenshot,
  signIn,
  test,
} from './support/fixtures';
import { apiPath } from './support/api-path';
import { TEST_PASSWORD, confirmWholeDemand, testCycle } from './support/cycle-fixture';

test('coordinator: invites a member, sees the invitation pending, and lets a member leave', async ({
  page,
  language,
  text,
}, testInfo) => {
  const leaving = await freshMember('leaving');
  await signIn(page, text, DEMO.coordinator);
  await expectLanguage(page, language);
  await page.getByRole('link', { name: text.nav.members }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.members.title })).toBeVisible();

  const email = `invite-${testInfo.project.name}-${Date.now().toString(36)}@members.example`;
  await page.getByLabel(text.members.name).fill('Nouvelle Personne');
  await page.getByLabel(text.fields.email).fill(email);
  await page.getByRole('button', { name: text.members.invite }).click();
  await expect(
    page.getByRole('status').filter({ hasText: say(text.members.invited, { email: isolated(email) }) }),
  ).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: email })).toBeVisible();
  // The same address again: refused on the email field, in plain words.
  await page.getByLabel(text.members.name).fill('Nouvelle Personne');
  await page.getByLabel(text.fields.email).fill(email);
  await page.getByRole('button', { name: text.members.invite }).click();
  await expect(page.getByText(text.members.taken)).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: leaving.email });
  await row
    .getByRole('button', { name: say(text.members.deactivate, { name: isolated(leaving.name) }) })
    .click();
  await row
    .getByRole('button', { name: say(text.members.confirmDeactivate, { name: isolated(leaving.name) }) })
    .click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: say(text.members.deactivated, { name: isolated(leaving.name) }) }),
  ).toBeVisible();
  await expect(row.getByRole('cell', { name: text.members.inactive })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '09-coordinator-members');
});

test('coordinator: sees the commitments per offer and who has not pledged, and pledges on a member’s behalf', async ({
  page,
  language,
  text,
}, testInfo) => {
  const season = await demoSeason();
  const open = season.cycles
    .filter((cycle) => cycle.status === 'open')
    .sort((a, b) => a.month.localeCompare(b.month));
  const member = await freshMember('behalf');
  await signIn(page, text, DEMO.coordinator);
  const month = monthName(language, open[0].month);
  await expect(page.getByRole('heading', { level: 1, name: text.group.title })).toBeVisible();
  const table = page.getByRole('table', { name: say(text.group.caption, { month }) });
  await expect(
    table.getByRole('rowheader', { name: new RegExp(season.offers[0].product.name) }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: member.name })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '10-coordinator-commitments');

  await page.getByRole('link', { name: member.name }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: say(text.members.onBehalf, { name: isolated(member.name) }),
    }),
  ).toBeVisible();
  const form = page.getByRole('form', { name: month, exact: true });
  await form.getByRole('spinbutton', { name: season.offers[0].product.name }).fill('5');
  await form.getByRole('button', { name: say(text.pledge.saveMonth, { month }) }).click();
  await expect(form.getByRole('status')).toHaveText(say(text.pledge.saved, { month }));
  const api = await as(DEMO.coordinator);
  const pledges: { month: string; offerId: string; quantity: number }[] = await json(
    api.get(
      apiPath('/seasons/{id}/members/{memberId}/pledges', { id: season.seasonId, memberId: member.memberId }),
    ),
  );
  await api.dispose();
  expect(
    pledges.find((line) => line.month === open[0].month && line.offerId === season.offers[0].id)?.quantity,
  ).toBe(5);
});

test('coordinator: records what arrived, reads the statements and their CSV', async ({
  page,
  language,
  text,
}, testInfo) => {
  const season = await demoSeason();
  const dispatched = season.cycles.find((cycle) => cycle.status === 'dispatched');
  const settled = season.cycles.find((cycle) => cycle.status === 'settled');
  expect(dispatched && settled, 'global setup leaves a month dispatched and one settled').toBeTruthy();
  await signIn(page, text, DEMO.coordinator);
  await page.getByRole('link', { name: text.nav.deliveries }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.deliveries.title })).toBeVisible();
  const month = monthName(language, dispatched!.month);
  const delivery = page.getByRole('region', { name: new RegExp(`^${month}`) });
  const first = delivery.getByRole('spinbutton').first();
  await first.fill('1');
  await delivery.getByRole('button', { name: text.deliveries.save }).click();
  await expect(delivery.getByRole('status')).toHaveText(say(text.deliveries.saved, { month }));
  await expectAccessible(page);
  await screenshot(page, testInfo, '11-coordinator-receipts');

  await page.getByRole('link', { name: text.nav.statements }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.statements.groupTitle })).toBeVisible();
  const settledMonth = monthName(language, settled!.month);
  const section = page.getByRole('region', { name: settledMonth });
  await expect(section.getByRole('columnheader', { name: text.statements.transport })).toBeVisible();
  const download = page.waitForEvent('download');
  await section.getByRole('link', { name: say(text.statements.csv, { month: settledMonth }) }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.split('\n').length).toBeGreaterThan(1);
  await expectAccessible(page);
  await screenshot(page, testInfo, '13-coordinator-statements');
});

test('coordinator: records what arrived without a connection; it waits, is shown as waiting, and is sent when the connection returns', async ({
  page,
  context,
  request,
  language,
  text,
}, testInfo) => {
  const c = await testCycle(request);
  await confirmWholeDemand(c);
  await c.admin.advanceTo(c.cycleId, 'dispatched');
  const receipt = (groupId: string) => c.admin.get(`/cycles/${c.cycleId}/receipts/${groupId}`);
  // A group the trucks carried goods for (a group whose members have all left has none).
  let groupId = '';
  for (const id of c.groupIds) if (!groupId && (await receipt(id)).lines.length > 0) groupId = id;
  expect(groupId, 'a group with goods on the way').not.toBe('');
  const email = `receipts-${testInfo.project.name}-${Date.now().toString(36)}@test.example`;
  await c.admin.post('/users', {
    email,
    password: TEST_PASSWORD,
    role: 'coordinator',
    consumerGroupId: groupId,
  });
  await signIn(page, text, email, TEST_PASSWORD);
  await page.getByRole('link', { name: text.nav.deliveries }).click();
  await page.getByLabel(text.pledge.season).selectOption({ label: c.seasonName });
  const month = monthName(language, c.month);
  const delivery = page.getByRole('region', { name: new RegExp(`^${month}`) });
  const first = delivery.getByRole('spinbutton').first();
  await expect(first).toBeVisible();

  await context.setOffline(true);
  await first.fill('1');
  await delivery.getByRole('button', { name: text.deliveries.save }).click();
  await expect(delivery.getByRole('status')).toHaveText(text.deliveries.waiting);
  await expectAccessible(page);
  expect(
    (await receipt(groupId)).lines.map((line: { received: number | null }) => line.received),
  ).not.toContain(1);

  await context.setOffline(false);
  await expect(delivery.getByRole('status')).toHaveText(say(text.deliveries.saved, { month }), {
    timeout: 30_000,
  });
  expect((await receipt(groupId)).lines[0].received).toBe(1);
  await expect(delivery.getByText(text.deliveries.recorded)).toBeVisible();
});

test('coordinator: opens and prints the distribution list of a delivered month', async ({
  page,
  language,
  text,
}, testInfo) => {
  // The month global setup settled: every group's coordinator recorded what arrived.
  const season = await demoSeason();
  const delivered = season.cycles.find((cycle) => cycle.status === 'settled');
  expect(delivered, 'global setup leaves a month settled').toBeTruthy();
  await signIn(page, text, DEMO.coordinator);
  await page.getByRole('link', { name: text.nav.deliveries }).click();
  const month = monthName(language, delivered!.month);
  const delivery = page.getByRole('region', { name: new RegExp(`^${month}`) });
  await delivery.getByRole('link', { name: say(text.distribution.open, { month }) }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: say(text.distribution.title, { month }) }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: text.distribution.print })).toBeVisible();
  const pdfLink = page.getByRole('link', { name: text.distribution.pdf });
  await expect(pdfLink).toHaveAttribute(
    'href',
    apiPath('/cycles/{id}/distribution-list.pdf', { id: delivered!.id }),
  );
  const table = page.getByRole('table', { name: say(text.distribution.caption, { month }) });
  await expect(table).toBeVisible();
  await expect(table.getByRole('rowheader', { name: /Lucie Peeters/ })).toBeVisible();
  // The PDF answers to the browser's own session (the httpOnly cookie), as the link will.
  const pdf = await page.request.get(apiPath('/cycles/{id}/distribution-list.pdf', { id: delivered!.id }));
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await expectAccessible(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await screenshot(page, testInfo, '12-coordinator-distribution-print');
  await page.emulateMedia({ media: 'screen' });
});
