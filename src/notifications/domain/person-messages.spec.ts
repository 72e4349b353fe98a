import { PERSON_LOCALES } from './person-locale';
import { renderPersonMessage, type PersonEmailPayload, type PersonMessageData } from './person-messages';
import { PERSON_NOTIFICATION_KINDS } from './person-notification-kinds';

const DATA: PersonMessageData = {
  'cycle.closing': {
    name: 'Lucie',
    season: 'Argan 2030',
    seasonId: 's1',
    month: '2030-03',
    locksAt: '2030-02-10T23:00:00Z',
    timeZone: 'Europe/Brussels',
    lines: [{ product: 'Huile d’argan', unit: '1 l', cooperative: 'Tifawin', quantity: 2 }],
  },
  'cycle.locked': {
    group: 'GASAP Jette',
    season: 'Argan 2030',
    seasonId: 's1',
    month: '2030-03',
    lines: [{ product: 'Huile d’argan', unit: '1 l', cooperative: 'Tifawin', quantity: 40 }],
    unpledged: ['Jan', 'Sara'],
  },
  'cycle.allocated': {
    name: 'Lucie',
    season: 'Argan 2030',
    seasonId: 's1',
    month: '2030-03',
    lines: [
      {
        product: 'Huile d’argan',
        unit: '1 l',
        cooperative: 'Tifawin',
        pledged: 4,
        allocated: 3,
        excluded: false,
        rules: [],
        exportCap: 30,
        confirmed: 40,
        demand: 40,
      },
    ],
  },
  'cycle.dispatched': {
    group: 'GASAP Jette',
    season: 'Argan 2030',
    month: '2030-03',
    loadingDate: '2030-03-01',
    dropPoint: 'Salle, Place Cardinal Mercier 1',
    shipments: [
      {
        carrier: 'TransAtlas',
        vehicle: 'Truck',
        mode: 'road',
        stop: 1,
        stops: 2,
        goods: [{ product: 'Huile', unit: '1 l', units: 40, packages: 7 }],
      },
    ],
  },
  'cycle.receipt_due': {
    group: 'GASAP Jette',
    season: 'Argan 2030',
    month: '2030-03',
    loadingDate: '2030-03-01',
    cycleId: 'c1',
  },
  'statement.ready': {
    to: 'member',
    name: 'Lucie',
    season: 'Argan 2030',
    month: '2030-03',
    currency: 'EUR',
    goodsMinor: 4250,
    transportMinor: 133,
    totalMinor: 4383,
  },
};

describe('renderPersonMessage', () => {
  it.each(
    PERSON_LOCALES.flatMap((locale) => PERSON_NOTIFICATION_KINDS.map((kind) => [locale, kind] as const)),
  )('writes %s %s with a subject, a signature and the unsubscribe link', (locale, kind) => {
    const payload = { kind, locale, unsubscribe: null, data: DATA[kind] } as PersonEmailPayload;
    const message = renderPersonMessage(payload, { app: 'https://app', unsubscribe: 'https://app/u/x' });
    expect(message.subject.length).toBeGreaterThan(5);
    expect(message.text).toContain('https://app/u/x');
    expect(message.text).not.toMatch(/undefined|NaN|\{\w+\}/);
    if (locale === 'ar') expect(message.text).toMatch(/[\u0600-\u06FF]/);
  });

  it.each(PERSON_LOCALES)(
    'points a user with a login (%s) to its account page to choose its e-mails',
    (locale) => {
      const links = { app: 'https://app', unsubscribe: 'https://app/u/x' };
      const of = (unsubscribe: PersonEmailPayload['unsubscribe']) =>
        renderPersonMessage(
          {
            kind: 'statement.ready',
            locale,
            unsubscribe,
            data: DATA['statement.ready'],
          } as PersonEmailPayload,
          links,
        ).text;
      expect(of({ type: 'user', id: 'u1' })).toContain('https://app/account');
      // A member without a login has no account to open: only the one-click link.
      expect(of({ type: 'member', id: 'm1' })).not.toContain('https://app/account');
    },
  );

  it('formats money exactly in the reader’s conventions', () => {
    const fr = renderPersonMessage(
      { kind: 'statement.ready', locale: 'fr', unsubscribe: null, data: DATA['statement.ready'] },
      { app: 'https://app' },
    );
    expect(fr.text).toContain('43,83\u00a0€');
    const en = renderPersonMessage(
      { kind: 'statement.ready', locale: 'en', unsubscribe: null, data: DATA['statement.ready'] },
      { app: 'https://app' },
    );
    expect(en.text).toContain('€43.83');
  });

  it('names the month and the lock time in the reader’s language and zone', () => {
    const nl = renderPersonMessage(
      { kind: 'cycle.closing', locale: 'nl', unsubscribe: null, data: DATA['cycle.closing'] },
      { app: 'https://app' },
    );
    expect(nl.subject).toBe('Argan 2030: bestellingen voor maart 2030 sluiten binnenkort');
    expect(nl.text).toContain('11 februari 2030');
  });
});
