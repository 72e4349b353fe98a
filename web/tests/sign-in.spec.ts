import { expect, expectAccessible, expectLanguage, screenshot, test } from './support/fixtures';

test('the sign-in page speaks the browser’s language, refuses a wrong password in plain words, and passes axe', async ({
  page,
  language,
  text,
}, testInfo) => {
  await page.goto('/sign-in');
  await expectLanguage(page, language);
  await expect(page.getByRole('heading', { level: 1, name: text.signIn.title })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '01-sign-in');

  await page.getByLabel(text.fields.email).fill('lucie.peeters@proxima.demo');
  await page.getByLabel(text.fields.password, { exact: true }).fill('not-her-password');
  await page.getByRole('button', { name: text.signIn.submit }).click();
  await expect(page.getByRole('status')).toHaveText(text.signIn.wrong);
  await expect(page.getByLabel(text.fields.email)).toHaveValue('lucie.peeters@proxima.demo');
  await expectAccessible(page);
});
