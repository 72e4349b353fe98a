import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Locator, type Page, type TestInfo } from '@playwright/test';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import fr from '../../src/i18n/fr.json';

export { expect };

export type Language = 'fr' | 'ar';
type Catalogue = typeof en;
const catalogues: Record<Language | 'en', Catalogue> = { fr, ar, en };

export const DEMO_PASSWORD = 'proxima-demo-2026';
export const DEMO = {
  admin: 'admin@proxima.demo',
  coordinator: 'coordinator.gasap@proxima.demo',
  member: 'lucie.peeters@proxima.demo',
};

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** A message of the app's catalogue with its values, as the page shows it. */
export function say(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => String(values[name] ?? ''));
}

/**
 * A name as a sentence carries it: between U+2068 and U+2069, so that it keeps its order
 * inside Arabic (the app's `isolate`).
 */
export const isolated = (name: string) => `\u2068${name}\u2069`;

export const test = base.extend<{ language: Language; text: Catalogue; size: 'phone' | 'desktop' }>({
  language: async ({ browserName: _ }, use, testInfo) => use(testInfo.project.metadata.language as Language),
  size: async ({ browserName: _ }, use, testInfo) =>
    use(testInfo.project.metadata.size as 'phone' | 'desktop'),
  text: async ({ language }, use) => use(catalogues[language]),
});

/** The page is in the language, and Arabic right to left. */
export async function expectLanguage(page: Page, language: Language): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const grave = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(grave).toEqual([]);
}

/** A screenshot for docs/WEB.md: phone size only, one per journey step and language. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  if (testInfo.project.metadata.size !== 'phone') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const scrolled = await page.evaluate(() => [window.scrollX, window.scrollY] as const);
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}-${testInfo.project.metadata.language}.png`),
    fullPage: true,
    animations: 'disabled',
  });
  // A full-page shot resizes the view and back; Chromium then moves the scroll by itself a
  // moment later, under a click the test is making. Put it back and let the frame settle.
  await page.evaluate(async ([x, y]) => {
    window.scrollTo(x, y);
    await new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)));
  }, scrolled);
}

/** Signs in through the form, as a person does. */
export async function signIn(
  page: Page,
  text: Catalogue,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(text.fields.email).fill(email);
  await page.getByLabel(text.fields.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: text.signIn.submit }).click();
  await expect(page.getByRole('button', { name: text.account.signOut })).toBeVisible();
}

/** The first link of the last mail sent to an address that carries `token=`, decoded. */
export async function linkInMail(address: string, path: string): Promise<string> {
  const dir = process.env.WEB_TEST_MAIL_DIR as string;
  let link = '';
  await expect
    .poll(
      () => {
        const files = readdirSync(dir)
          .filter((name) => name.endsWith(`-${address}.eml`))
          .sort();
        const last = files.at(-1);
        if (!last) return '';
        const raw = readFileSync(join(dir, last), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/gi, '=');
        const found = new RegExp(
          `https?://[^\\s"'<>]*${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_.~%-]+`,
        ).exec(raw);
        link = found?.[0] ?? '';
        return link;
      },
      { message: `a mail to ${address} with a link to ${path}` },
    )
    .not.toBe('');
  return link;
}

/** The locale the app formats with (Arabic with Western digits), for the figures a test expects. */
export const intlLocaleOf = (language: Language) => (language === 'ar' ? 'ar-u-nu-latn' : language);

/** A season month as the app writes it ("mars 2027"). */
export function monthName(language: Language, month: string): string {
  return new Intl.DateTimeFormat(intlLocaleOf(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A date and time as the app writes it, in a time zone. */
/** A calendar day `2027-01-01` as the app writes it in full ("Friday, January 1, 2027"). */
export function dayName(language: Language, date: string): string {
  return new Intl.DateTimeFormat(intlLocaleOf(language), { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function dateTimeIn(language: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocaleOf(language), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** The text of a message up to its first placeholder: what a test can look for whatever the values. */
export const lead = (message: string) => message.split('{{')[0].trim();

/** Nothing sticks out sideways: the page is no wider than the screen (a table may scroll in its own region). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
  }));
  expect(widths.page, `page ${widths.page} px wide on a ${widths.screen} px screen`).toBeLessThanOrEqual(
    widths.screen,
  );
}

/** An amount of minor units as the app writes it ("12,50 €", "135,00 د.م."). */
export function money(language: Language, minor: number, currency: string): string {
  const format = new Intl.NumberFormat(intlLocaleOf(language), { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** A whole number as the app writes it. */
export const figure = (language: Language, value: number) =>
  new Intl.NumberFormat(intlLocaleOf(language)).format(value);

/** A weight as the app writes it ("1 234,5 kg"). */
export const kg = (language: Language, value: number) =>
  new Intl.NumberFormat(intlLocaleOf(language), {
    style: 'unit',
    unit: 'kilogram',
    maximumFractionDigits: 2,
  }).format(value);

/** A share (0..1) as the app writes it, to the hundredth of a percent ("80 %", "80٪"). */
export const percent = (language: Language, share: number) =>
  new Intl.NumberFormat(intlLocaleOf(language), { style: 'percent', maximumFractionDigits: 2 }).format(share);

/** The text of the plural form of a message a count takes in a language, its placeholders left. */
export function pluralForm(messages: object, key: string, count: number, language: Language): string {
  const texts = messages as Record<string, string>;
  return texts[`${key}_${new Intl.PluralRules(language).select(count)}`] ?? texts[`${key}_other`];
}

/** The plural form of a message a count takes in a language (Arabic has six). */
export function plural(messages: object, key: string, count: number, language: Language): string {
  return say(pluralForm(messages, key, count, language), { count });
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A message of the catalogue's `server` part as the page shows it alone: its first letter capital. */
export function serverSays(
  text: Catalogue,
  key: keyof Catalogue['server'],
  values: Record<string, string | number> = {},
): string {
  const said = say(text.server[key] as string, values);
  return said.charAt(0).toUpperCase() + said.slice(1);
}

/**
 * A field the server refused carries the server's reason in the page's language, tied to it for
 * screen readers, and none of it left in English (the app marks a phrase it does not know
 * `lang="en"`).
 */
export async function expectServerSays(
  field: Locator,
  text: Catalogue,
  key: keyof Catalogue['server'],
  values: Record<string, string | number> = {},
): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(escaped(serverSays(text, key, values))));
  const english = await field.evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .some((id) => document.getElementById(id)?.querySelector('[lang="en"]')),
  );
  expect(english, 'a server phrase left in English').toBe(false);
}

/**
 * Text from the data (a product's unit, "1 l bottle", typed by the admin in a language the app
 * does not know) is never translated, and is isolated wherever it shows: in a `<bdi>`, or
 * between U+2068 and U+2069 inside a sentence, so that it keeps its order inside Arabic; and no
 * `lang` is claimed for it.
 */
export async function expectDataIsolated(page: Page, data: string): Promise<void> {
  const places = await page.locator('main').evaluate((main, wanted) => {
    const found: { isolated: boolean; lang: string | null }[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!text.includes(wanted)) continue;
      const element = node.parentElement!;
      found.push({
        isolated: Boolean(element.closest('bdi')) || text.includes(`\u2068${wanted}\u2069`),
        lang:
          element.closest('[lang]') === document.documentElement
            ? null
            : (element.closest('[lang]')?.getAttribute('lang') ?? null),
      });
    }
    return found;
  }, data);
  expect(places.length, `"${data}" on the page`).toBeGreaterThan(0);
  expect(places.filter((place) => !place.isolated || place.lang !== null)).toEqual([]);
}
