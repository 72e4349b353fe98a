import { as, freshMember, json } from './support/api';
import {
  expect,
  expectAccessible,
  expectLanguage,
  expectServerSays,
  linkInMail,
  screenshot,
  signIn,
  test,
  DEMO,
} from './support/fixtures';
import { apiPath } from './support/api-path';

test('everyone: signs in, sees the organisation and seasons, chooses a language kept on the account, signs out', async ({
  page,
  language,
  text,
}, testInfo) => {
  const member = await freshMember('account');
  await signIn(page, text, member.email, member.password);
  await expect(page).toHaveURL(/\/member$/);
  await expect(page.getByText('GASAP Jette Centre').first()).toBeVisible();
  await page.getByRole('link', { name: text.nav.seasons }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.seasons.title })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Saison solidaire/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '03-seasons');

  // The other language of the two, chosen here, is remembered on the account (PATCH /me).
  const other = language === 'fr' ? 'ar' : 'fr';
  await page.getByLabel(text.common.language).selectOption(other);
  await expectLanguage(page, other);
  const api = await as(member.email, member.password);
  await expect.poll(async () => (await json(api.get(apiPath('/me')))).user.locale).toBe(other);
  await api.dispose();
  await page.getByLabel(other === 'fr' ? 'Langue' : 'اللغة').selectOption(language);
  await expectLanguage(page, language);

  await page.getByRole('button', { name: text.account.signOut }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.signIn.title })).toBeVisible();
  // Signed out on the server too: the member's page asks to sign in again.
  await page.goto('/member');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fmember$/);
});

test('everyone: changes the password, and signs in with the new one', async ({ page, text }, testInfo) => {
  const member = await freshMember('password');
  await signIn(page, text, member.email, member.password);
  await page.getByRole('link', { name: text.nav.account }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.account.title })).toBeVisible();
  await page.getByLabel(text.fields.currentPassword).fill('not-the-password');
  await page.getByLabel(text.fields.newPassword, { exact: true }).fill('a-brand-new-password-2026');
  await page.getByLabel(text.fields.repeatPassword).fill('a-brand-new-password-2026');
  await page.getByRole('button', { name: text.account.passwordSubmit }).click();
  await expect(page.getByText(text.account.wrongCurrent)).toBeVisible();
  await expect(page.getByLabel(text.fields.newPassword, { exact: true })).toHaveValue(
    'a-brand-new-password-2026',
  );
  // The server refuses a common password: its reason in the page's language, on the field.
  await page.getByLabel(text.fields.currentPassword).fill(member.password);
  const newPassword = page.getByLabel(text.fields.newPassword, { exact: true });
  await newPassword.fill('password123');
  await page.getByLabel(text.fields.repeatPassword).fill('password123');
  await page.getByRole('button', { name: text.account.passwordSubmit }).click();
  await expectServerSays(newPassword, text, 'commonPassword');
  await newPassword.fill('a-brand-new-password-2026');
  await page.getByLabel(text.fields.repeatPassword).fill('a-brand-new-password-2026');
  await page.getByRole('button', { name: text.account.passwordSubmit }).click();
  await expect(page.getByRole('status').filter({ hasText: text.account.passwordChanged })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '04-account');

  await page.getByRole('button', { name: text.account.signOut }).click();
  // Signed out once the sign-in page shows (going there sooner could still meet the session).
  await expect(page.getByRole('heading', { level: 1, name: text.signIn.title })).toBeVisible();
  await signIn(page, text, member.email, 'a-brand-new-password-2026');
});

test('everyone: chooses the e-mails they receive, kept on the account', async ({ page, text }) => {
  const member = await freshMember('emails');
  await signIn(page, text, member.email, member.password);
  await page.getByRole('link', { name: text.nav.account }).click();
  const choices = page.getByRole('group', { name: text.emails.legend });
  // A member is sent the reminder, the allocation and the statement; a coordinator's kinds are not offered.
  await expect(choices.getByRole('checkbox')).toHaveCount(3);
  await expect(choices.getByRole('checkbox', { name: text.emails.kinds.cycle.locked })).toHaveCount(0);
  const reminder = choices.getByRole('checkbox', { name: text.emails.kinds.cycle.closing });
  await expect(reminder).toBeChecked();
  await reminder.uncheck();
  await page.getByRole('button', { name: text.emails.save }).click();
  await expect(page.getByRole('status').filter({ hasText: text.emails.saved })).toBeVisible();
  const api = await as(member.email, member.password);
  expect((await json(api.get(apiPath('/me')))).user.notifications).toEqual({
    'cycle.closing': false,
    'cycle.allocated': true,
    'statement.ready': true,
  });
  await api.dispose();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: text.emails.kinds.cycle.closing })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: text.emails.kinds.statement.ready })).toBeChecked();
  await expectAccessible(page);
});

test('everyone: accepts an invitation from the mail, chooses a password and lands in the app', async ({
  page,
  text,
}, testInfo) => {
  const coordinator = await as(DEMO.coordinator);
  const me = await json(coordinator.get(apiPath('/me')));
  const email = `invited-${test.info().project.name}-${Date.now().toString(36)}@members.example`;
  await json(
    coordinator.post(apiPath('/invitations'), {
      data: { email, role: 'member', consumerGroupId: me.organisation.id, name: 'Invited Person' },
    }),
    201,
  );
  await coordinator.dispose();
  const link = await linkInMail(email, '/invitations/accept');
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByRole('heading', { level: 1, name: text.invitation.title })).toBeVisible();
  await page.getByLabel(text.fields.newPassword, { exact: true }).fill('my-invited-password-2026');
  await page.getByLabel(text.fields.repeatPassword).fill('my-invited-password-2026x');
  await expect(page.getByText(text.fields.mismatch)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, '02-invitation');
  await page.getByLabel(text.fields.repeatPassword).fill('my-invited-password-2026');
  await page.getByRole('button', { name: text.invitation.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.pledge.title })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
});

test('everyone: resets a forgotten password through the mailed link', async ({ page, text }, testInfo) => {
  const member = await freshMember('reset');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: text.signIn.forgot }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.reset.title })).toBeVisible();
  await page.getByLabel(text.fields.email).fill(member.email);
  await page.getByRole('button', { name: text.reset.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: text.reset.sent })).toBeVisible();
  await expectAccessible(page);
  const link = await linkInMail(member.email, '/password-reset/confirm');
  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page.getByRole('heading', { level: 1, name: text.reset.confirmTitle })).toBeVisible();
  await page.getByLabel(text.fields.newPassword, { exact: true }).fill('reset-password-after-2026');
  await page.getByLabel(text.fields.repeatPassword).fill('reset-password-after-2026');
  await expectAccessible(page);
  await screenshot(page, testInfo, '05-password-reset');
  await page.getByRole('button', { name: text.reset.confirmSubmit }).click();
  // The new password opens a session at once; signing out and in again proves it is the one.
  await expect(page.getByRole('heading', { level: 1, name: text.pledge.title })).toBeVisible();
  await page.getByRole('button', { name: text.account.signOut }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.signIn.title })).toBeVisible();
  await signIn(page, text, member.email, 'reset-password-after-2026');
  // The link worked once: a second use is refused in plain words.
  await page.getByRole('button', { name: text.account.signOut }).click();
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByLabel(text.fields.newPassword, { exact: true }).fill('another-password-2026');
  await page.getByLabel(text.fields.repeatPassword).fill('another-password-2026');
  await page.getByRole('button', { name: text.reset.confirmSubmit }).click();
  await expect(page.getByRole('status').filter({ hasText: text.reset.expired })).toBeVisible();
});
