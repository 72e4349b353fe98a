import { recipientLocale, territoryLocale } from './person-locale';

describe('locales', () => {
  it('defaults from the territory’s country', () => {
    expect(territoryLocale('BE')).toBe('fr');
    expect(territoryLocale('ma')).toBe('ar');
    expect(territoryLocale('SN')).toBe('fr');
    expect(territoryLocale('NL')).toBe('nl');
    expect(territoryLocale('GB')).toBe('en');
    expect(territoryLocale(null)).toBe('en');
  });

  it('prefers what the user chose', () => {
    expect(recipientLocale('nl', 'BE')).toBe('nl');
    expect(recipientLocale(null, 'MA')).toBe('ar');
    expect(recipientLocale('xx', 'FR')).toBe('fr');
  });
});
