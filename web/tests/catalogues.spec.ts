import { SERVER_MESSAGE_KEYS, lineIndexOf, parseServerMessage } from '../src/api/server-message';
import ar from '../src/i18n/ar.json';
import en from '../src/i18n/en.json';
import fr from '../src/i18n/fr.json';
import nl from '../src/i18n/nl.json';
import { expect, test } from './support/fixtures';

/**
 * The catalogues and the reading of the server's messages, without a page: run once (in one
 * project), since neither depends on the screen or the browser's language.
 */
test.beforeEach(({ browserName: _ }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop-fr', 'no page: one project is enough');
});

type Tree = { [key: string]: string | Tree };

/** Every message of a catalogue by its dotted key, plural suffixes kept (`count_one`). */
function flat(tree: Tree, prefix = ''): Map<string, string> {
  const all = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') all.set(`${prefix}${key}`, value);
    else for (const [k, v] of flat(value, `${prefix}${key}.`)) all.set(k, v);
  }
  return all;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** The messages of a catalogue without their plural forms, which differ from a language to another. */
const messages = (catalogue: Tree) =>
  new Set([...flat(catalogue).keys()].map((key) => key.replace(PLURAL, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

test('every language has every message of the English catalogue, with its plural forms and placeholders', () => {
  const english = flat(en as Tree);
  for (const [name, catalogue] of Object.entries({ fr, ar, nl }) as [string, Tree][]) {
    expect([...messages(catalogue)].sort(), name).toEqual([...messages(en as Tree)].sort());
    const own = flat(catalogue);
    for (const [key, text] of own) {
      const base = key.replace(PLURAL, '');
      // A plural form may say "one" in words instead of {{count}}: its other form holds them all.
      if (PLURAL.test(key)) continue;
      expect(placeholders(text), `${name} ${key}`).toEqual(placeholders(english.get(base) ?? ''));
    }
    // The forms a count up to a thousand takes (French's "many" is for millions only).
    const rules = new Intl.PluralRules(name);
    const forms = new Set(Array.from({ length: 1001 }, (_, count) => rules.select(count)));
    for (const form of forms) {
      for (const key of english.keys()) {
        if (!key.endsWith('_other')) continue;
        const stem = key.slice(0, -'_other'.length);
        expect(own.has(`${stem}_${form}`), `${name} ${stem}_${form}`).toBe(true);
      }
    }
  }
});

/** Names, codes and words Dutch shares with English: the only messages allowed to stay as in English. */
const SAME_IN_DUTCH = new Set<string>([
  'offers.price', // "{{price}} per {{unit}}"
  'cooperative.planTitle', // "Plan: {{season}}"
  'cooperative.product',
  'setup.productName',
  'admin.charterAction',
  'setup.steps.charter',
]);

test('the Dutch catalogue is Dutch, not English', () => {
  const english = flat(en as Tree);
  const same = [...flat(nl as Tree)].filter(
    ([key, text]) =>
      english.get(key) === text &&
      !SAME_IN_DUTCH.has(key) &&
      /[a-z]{3}/i.test(text.replace(/\{\{\w+\}\}/g, '')),
  );
  expect(same.map(([key]) => key)).toEqual([]);
});

test('every phrase of the server the app knows has its message in every language', () => {
  for (const [name, catalogue] of Object.entries({ en, fr, ar, nl })) {
    const server = flat((catalogue as Tree).server as Tree);
    for (const key of SERVER_MESSAGE_KEYS)
      expect(server.has(key) || server.has(`${key}_other`), `${name} server.${key}`).toBe(true);
  }
});

test('a field’s path names the line of the body sent it is about, or none', () => {
  expect(lineIndexOf('lines.0.quantity')).toBe(0);
  expect(lineIndexOf('lines.12.offerId')).toBe(12);
  expect(lineIndexOf('version')).toBeNaN();
  expect(lineIndexOf('deliveryLines.1.quantity')).toBeNaN();
});

test('the server’s messages are read into their field, phrase and values', () => {
  expect(parseServerMessage('lines.0.quantity must not be less than 0')).toEqual([
    {
      field: 'lines.0.quantity',
      key: 'min',
      values: { min: { number: 0 } },
      text: 'must not be less than 0',
    },
  ]);
  expect(parseServerMessage('lines.1.quantity: 9 exceeds the demand of 7')[0]).toMatchObject({
    field: 'lines.1.quantity',
    key: 'aboveDemand',
    values: { quantity: { number: 9 }, demand: { number: 7 } },
  });
  expect(parseServerMessage('the 2027-03 cycle is no longer open for pledges')).toEqual([
    expect.objectContaining({
      key: 'monthClosed',
      values: { month: { month: '2027-03' } },
    }),
  ]);
  // A phrase with "; " inside stays one part; two fields' messages are two.
  expect(parseServerMessage('newPassword is one of the most common passwords; choose another')).toEqual([
    expect.objectContaining({ field: 'newPassword', key: 'commonPassword' }),
  ]);
  expect(parseServerMessage('email must be an email; name should not be empty')).toEqual([
    expect.objectContaining({ field: 'email', key: 'email' }),
    expect.objectContaining({ field: 'name', key: 'empty' }),
  ]);
  expect(parseServerMessage('receipts exist once the cycle is allocated; it is locked')).toEqual([
    expect.objectContaining({
      key: 'notYet',
      values: { needed: { status: 'allocated' }, status: { status: 'locked' } },
    }),
  ]);
  // What the app does not know stays the server's words, its field still read.
  expect(parseServerMessage('something new; lines.0.x: a new rule')).toEqual([
    { text: 'something new' },
    { field: 'lines.0.x', text: 'a new rule' },
  ]);
});
