import { as, demoSeason, freshMember, json } from './support/api';
import {
  DEMO,
  dateTimeIn,
  expect,
  expectAccessible,
  expectDataIsolated,
  expectLanguage,
  lead,
  monthName,
  say,
  screenshot,
  signIn,
  test,
} from './support/fixtures';
import { apiPath } from './support/api-path';

test('member: pledges for an open month and for the rest of the season, with the deadline in sight and the demand against the cap', async ({
  page,
  language,
  text,
}, testInfo) => {
  const season = await demoSeason();
  const open = season.cycles
    .filter((cycle) => cycle.status === 'open')
    .sort((a, b) => a.month.localeCompare(b.month));
  const [first, second] = season.offers;
  const member = await freshMember('pledge');
  await signIn(page, text, member.email, member.password);
  await expectLanguage(page, language);
  await expect(page.getByRole('heading', { level: 1, name: text.pledge.title })).toBeVisible();

  const month = monthName(language, open[0].month);
  const monthForm = page.getByRole('form', { name: month, exact: true });
  // The lock deadline as a date in the reader's language and time zone, and the time left.
  await expect(monthForm.getByText(dateTimeIn(language, open[0].locksAt, 'Europe/Brussels'))).toBeVisible();
  await expect(monthForm.getByText(lead(text.offers.underCap)).first()).toBeVisible();
  // The deadline's clock is a clock: a ring with hands, its face empty between them (not a dot).
  const clock = await monthForm
    .locator('.deadline svg path')
    .first()
    .evaluate((path: SVGPathElement) =>
      [
        [12, 2.5], // the ring
        [12, 9], // the hour hand
        [7, 12], // the face, left of the centre
        [12, 17], // the face, below the centre
      ].map(([x, y]) => path.isPointInFill(new DOMPoint(x, y))),
    );
  expect(clock).toEqual([true, true, false, false]);
  // The season's offers with product, cooperative, price.
  await expect(page.getByRole('heading', { level: 3, name: first.product.name })).toBeVisible();

  // The stepper mirrors with the layout: − at the inline start (right in Arabic), + at the end;
  // the number stays left to right.
  const less = monthForm.getByRole('button', { name: say(text.stepper.less, { what: first.product.name }) });
  const more = monthForm.getByRole('button', { name: say(text.stepper.more, { what: first.product.name }) });
  const quantityInput = monthForm.getByRole('spinbutton', { name: first.product.name });
  const [lessX, quantityX, moreX] = await Promise.all(
    [less, quantityInput, more].map(async (one) => (await one.boundingBox())!.x),
  );
  // Left to right on the screen: + 3 − in Arabic, − 3 + in French.
  const onScreen = language === 'ar' ? [moreX, quantityX, lessX] : [lessX, quantityX, moreX];
  expect(onScreen[0]).toBeLessThan(onScreen[1]);
  expect(onScreen[1]).toBeLessThan(onScreen[2]);
  expect(await quantityInput.evaluate((input) => getComputedStyle(input).direction)).toBe('ltr');
  await monthForm.getByRole('spinbutton', { name: first.product.name }).fill('3');
  await monthForm.getByRole('button', { name: say(text.stepper.more, { what: first.product.name }) }).click();
  await expect(monthForm.getByRole('spinbutton', { name: first.product.name })).toHaveValue('4');
  await monthForm.getByRole('button', { name: say(text.pledge.saveMonth, { month }) }).click();
  await expect(monthForm.getByRole('status')).toHaveText(say(text.pledge.saved, { month }));
  await expectDataIsolated(page, first.product.unit);
  await expectAccessible(page);
  await screenshot(page, testInfo, '06-member-pledge');

  // Named from the first open month to the last: another journey may lock the last one meanwhile
  // (offline.spec.ts), so only the start of the name is sure.
  const standing = page.getByRole('form', {
    name: new RegExp(`^${say(text.pledge.standingFor, { first: month, last: '' }).trim()}`),
  });
  await standing.getByRole('spinbutton', { name: second.product.name }).fill('2');
  await standing.getByRole('button', { name: text.pledge.saveStanding }).click();
  await expect(standing.getByRole('status')).toHaveText(
    say(text.pledge.saved, { month: text.pledge.everyMonth }),
  );

  const api = await as(member.email, member.password);
  const stillOpen = (await json(api.get(apiPath('/seasons/{id}/cycles', { id: season.seasonId })))).filter(
    (cycle: { status: string }) => cycle.status === 'open',
  );
  const pledges: { month: string; offerId: string; quantity: number }[] = await json(
    api.get(
      apiPath('/seasons/{id}/members/{memberId}/pledges', { id: season.seasonId, memberId: member.memberId }),
    ),
  );
  await api.dispose();
  const quantity = (offerId: string, of: string) =>
    pledges.find((line) => line.offerId === offerId && line.month === of)?.quantity ?? 0;
  // The standing pledge set the quantities it showed (the first month's) on every open month.
  // (Another journey may lock a month meanwhile: those still open now were open when it saved.)
  for (const cycle of open.filter((one) => stillOpen.some((other: { id: string }) => other.id === one.id))) {
    expect(quantity(first.id, cycle.month)).toBe(4);
    expect(quantity(second.id, cycle.month)).toBe(2);
  }
});

test.describe('a member in another time zone', () => {
  test.use({ timezoneId: 'Africa/Casablanca' });

  test('member: sees the deadline in their own time and in the consumer territory’s, named', async ({
    page,
    language,
    text,
  }) => {
    const season = await demoSeason();
    const open = season.cycles
      .filter((cycle) => cycle.status === 'open')
      .sort((a, b) => a.month.localeCompare(b.month));
    const member = await freshMember('zone');
    await signIn(page, text, member.email, member.password);
    const monthForm = page.getByRole('form', { name: monthName(language, open[0].month), exact: true });
    await expect(
      monthForm.getByText(dateTimeIn(language, open[0].locksAt, 'Africa/Casablanca')),
    ).toBeVisible();
    await expect(
      monthForm.getByText(dateTimeIn(language, open[0].locksAt, 'Europe/Brussels'), { exact: false }),
    ).toBeVisible();
  });
});

test('member: past months with pledged, allocated, received and why; statements; the calendar link', async ({
  page,
  language,
  text,
}, testInfo) => {
  const season = await demoSeason();
  const settled = season.cycles.find((cycle) => cycle.status === 'settled');
  expect(settled, 'global setup settles the first month').toBeTruthy();
  await signIn(page, text, DEMO.member);
  await expectLanguage(page, language);

  const calendar = page.getByRole('link', { name: text.calendar.link });
  const feed = await page.request.get((await calendar.getAttribute('href'))!);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');

  await page.getByRole('link', { name: text.nav.history }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.past.title })).toBeVisible();
  const past = page.getByRole('list', {
    name: say(text.past.caption, { month: monthName(language, settled!.month) }),
  });
  // Each offer a card: its three figures under their names, the reason under them.
  const line = past.getByRole('listitem').first();
  await expect(line.getByRole('term')).toHaveText([
    text.past.pledged,
    text.past.allocated,
    text.past.received,
  ]);
  await expect(line.getByRole('definition').first()).toHaveText(/\d/);
  await expect(
    past
      .getByText(
        new RegExp(
          `${text.past.asPledged}|${text.past.reason.shortOnArrival}|${text.past.reason.confirmedLess}|${lead(text.past.reason.charter)}`,
        ),
      )
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '07-member-past-months');

  await page.getByRole('link', { name: text.nav.statements }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.statements.title })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('rowheader', { name: monthName(language, settled!.month) })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: text.statements.transport })).toBeVisible();
  await expect(table.getByText(/€/).first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '08-member-statements');
});
