import type { Page } from '@playwright/test';
import { testCycle } from './support/cycle-fixture';
import { DEMO, expect, expectAccessible, expectLanguage, signIn, test } from './support/fixtures';

/** An id no record has: the API answers 404 to it, as to another organisation's. */
const NOBODY = '00000000-0000-4000-8000-000000000000';

type Text = Parameters<typeof signIn>[1];

async function expectNotFound(page: Page, text: Text, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(text.common.notFound);
  await expect(page.getByText(text.common.notFoundHint)).toBeVisible();
  await expect(page.getByText(text.common.loading)).toHaveCount(0);
}

test('an address that leads nowhere says so, with the way home, for every role that opens records by their id', async ({
  page,
  request,
  language,
  text,
}) => {
  const c = await testCycle(request);

  await signIn(page, text, DEMO.coordinator);
  // A mistyped id, an id that is nobody's, a path the area does not have.
  await expectNotFound(page, text, '/coordinator/members/not-a-uuid');
  await expectLanguage(page, language);
  await expectAccessible(page);
  await expectNotFound(page, text, `/coordinator/members/${NOBODY}`);
  await expectNotFound(page, text, `/coordinator/deliveries/${NOBODY}`);
  await expectNotFound(page, text, '/coordinator/nowhere');
  await page.getByRole('link', { name: text.common.home }).click();
  await expect(page).toHaveURL(/\/coordinator$/);

  await page.context().clearCookies();
  await signIn(page, text, DEMO.admin);
  await expectNotFound(page, text, '/admin/cycles/123');
  await expectNotFound(page, text, `/admin/cycles/${NOBODY}`);
  await expectNotFound(page, text, `/admin/partnerships/${NOBODY}/charter`);

  await page.context().clearCookies();
  await signIn(page, text, c.transporter.email, c.transporter.password);
  await expectNotFound(page, text, `/transporter/cycles/${NOBODY}`);
  await expectNotFound(page, text, `/transporter/cycles/${c.cycleId.slice(0, -1)}`);

  await page.context().clearCookies();
  await signIn(page, text, c.cooperative.email, c.cooperative.password);
  await expectNotFound(page, text, `/cooperative/seasons/${NOBODY}`);
  await expectNotFound(page, text, `/cooperative/cycles/${NOBODY}/confirm`);
  // Its own month, still open: the loading list does not exist yet, and the page says why
  // (the server's reason in the reader's language) instead of loading for ever.
  await page.goto(`/cooperative/cycles/${c.cycleId}/loading-list`);
  const notYet = page.getByRole('status').filter({ hasText: text.status.open });
  await expect(notYet).toBeVisible();
  await expect(page.getByText(text.common.loading)).toHaveCount(0);
  await expectAccessible(page);
});
