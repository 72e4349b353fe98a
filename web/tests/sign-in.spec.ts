import { freshMember } from './support/api';
import { expect, expectAccessible, expectLanguage, screenshot, signIn, test } from './support/fixtures';

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

test.describe('who is signed in, asked once', () => {
  // Every request is the page's own (none answered by a service worker from its cache).
  test.use({ serviceWorkers: 'block' });

  test('a page opened cold asks GET /me once: the HTML preloads it, the app uses that answer', async ({
    page,
    text,
  }) => {
    const member = await freshMember('preload');
    await signIn(page, text, member.email, member.password);
    await page.goto('/member');
    await expect(page.getByRole('spinbutton').first()).toBeVisible();
    // Asked by the <link rel="preload"> before any script ran, and not asked again by the app's
    // own fetch (which would be a second entry, initiated by "fetch").
    const asked = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname === '/api/v1/me')
        .map((entry) => (entry as PerformanceResourceTiming).initiatorType),
    );
    expect(asked).toEqual(['link']);
  });
});
