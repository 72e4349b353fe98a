import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web application's message catalogues (web/src/i18n): every message of the English one
 * exists in every language, with the same {{placeholders}}, and each plural has the forms its
 * language's plural rules (Intl.PluralRules, CLDR) can ask for — six in Arabic.
 */
type Catalogue = { [key: string]: string | Catalogue };
const LANGUAGES = ['en', 'fr', 'ar', 'nl'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function load(language: string): Catalogue {
  return JSON.parse(readFileSync(join(process.cwd(), 'web', 'src', 'i18n', `${language}.json`), 'utf8'));
}

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) out.set(inner, text);
  }
  return out;
}

/** Messages by base key: a plain message, or the plural forms it has. */
function messages(language: string): Map<string, { forms: Set<string>; texts: string[] }> {
  const out = new Map<string, { forms: Set<string>; texts: string[] }>();
  for (const [key, text] of flatten(load(language))) {
    const form = PLURAL.exec(key)?.[1];
    const base = form ? key.replace(PLURAL, '') : key;
    const entry = out.get(base) ?? { forms: new Set<string>(), texts: [] };
    if (form) entry.forms.add(form);
    entry.texts.push(text);
    out.set(base, entry);
  }
  return out;
}

const placeholders = (texts: string[]) =>
  new Set(texts.flatMap((text) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((found) => found[1])));

describe('web catalogues', () => {
  const english = messages('en');

  it.each(LANGUAGES)('%s has every message of the English catalogue and no other', (language) => {
    const theirs = messages(language);
    expect([...theirs.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LANGUAGES)('%s has, for each plural, every form its plural rules use', (language) => {
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories.filter(
      // French and others have "many" only for millions (1e6): i18next falls back to "other".
      (form) => form !== 'many' || language === 'ar',
    );
    for (const [key, { forms }] of messages(language)) {
      if (english.get(key)?.forms.size === 0) continue;
      for (const form of needed)
        expect(`${key}_${forms.has(form) ? form : `${form} missing`}`).toBe(`${key}_${form}`);
    }
  });

  it('Arabic plurals have all six forms', () => {
    const plurals = [...messages('ar')].filter(([, entry]) => entry.forms.size > 0);
    expect(plurals.length).toBeGreaterThan(3);
    for (const [key, { forms }] of plurals)
      expect([key, [...forms].sort()]).toEqual([key, ['few', 'many', 'one', 'other', 'two', 'zero']]);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s uses the placeholders of the English messages',
    (language) => {
      for (const [key, { texts }] of messages(language)) {
        const ours = placeholders(english.get(key)?.texts ?? []);
        for (const name of placeholders(texts))
          expect(`${key}: {{${name}}}`).toBe(
            ours.has(name) ? `${key}: {{${name}}}` : `${key}: (not in English)`,
          );
      }
    },
  );
});
