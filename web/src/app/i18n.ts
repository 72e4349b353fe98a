import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LOCALES = ['fr', 'en', 'ar', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name in itself, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  nl: 'Nederlands',
};

const RIGHT_TO_LEFT = new Set<Locale>(['ar']);

/** One catalogue per language, each a chunk of its own: a page downloads only its language. */
const catalogues: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('../i18n/en.json'),
  fr: () => import('../i18n/fr.json'),
  ar: () => import('../i18n/ar.json'),
  nl: () => import('../i18n/nl.json'),
};

/** The key of the choice made before signing in (a language, not a credential). */
const CHOSEN_KEY = 'proxima.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language chosen on this device, else the first of the browser's that Proxima speaks. */
export function preferredLocale(): Locale {
  const chosen = localStorage.getItem(CHOSEN_KEY);
  if (isLocale(chosen)) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const language = tag.toLowerCase().split('-')[0];
    if (isLocale(language)) return language;
  }
  return 'en';
}

/**
 * The locale `Intl` formats with: Arabic with Western digits (ar-u-nu-latn), as they are
 * written in Morocco and Senegal, where Proxima's Arabic readers are; the others as they are.
 */
export function intlLocale(locale: string): string {
  return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}

export function directionOf(locale: string): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(locale as Locale) ? 'rtl' : 'ltr';
}

async function load(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'translation')) return;
  const catalogue = await catalogues[locale]();
  i18next.addResourceBundle(locale, 'translation', catalogue.default);
}

/** Switches the language: its catalogue, `<html lang dir>`, and the choice kept on this device. */
export async function switchLocale(locale: Locale): Promise<void> {
  await load(locale);
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  localStorage.setItem(CHOSEN_KEY, locale);
}

/**
 * i18next with its plurals (CLDR categories through Intl.PluralRules: one/other in French and
 * English, zero/one/two/few/many/other in Arabic), started in the preferred language.
 */
export async function setUpI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: undefined,
    fallbackLng: false,
    resources: {},
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  await switchLocale(preferredLocale());
}
