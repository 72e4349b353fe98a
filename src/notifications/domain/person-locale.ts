/** The languages Proxima writes to people in. */
export const PERSON_LOCALES = ['en', 'fr', 'ar', 'nl'] as const;
export type PersonLocale = (typeof PERSON_LOCALES)[number];

export function isPersonLocale(value: unknown): value is PersonLocale {
  return typeof value === 'string' && (PERSON_LOCALES as readonly string[]).includes(value);
}

/**
 * The language of a territory when its people have not chosen one, by ISO 3166-1 country
 * code: French where it is the (or a main) language of public life in the countries
 * partnerships are made with, Arabic in the Arab League's, Dutch in the Netherlands and
 * Suriname; English elsewhere. Belgium defaults to French (Brussels' majority); a Flemish
 * member chooses nl on PATCH /me.
 */
export const COUNTRY_LOCALES: Readonly<Record<string, PersonLocale>> = {
  ...Object.fromEntries(
    [
      'FR',
      'BE',
      'LU',
      'MC',
      'CH',
      'SN',
      'ML',
      'BF',
      'NE',
      'CI',
      'GN',
      'BJ',
      'TG',
      'CM',
      'GA',
      'CG',
      'CD',
      'MG',
      'HT',
    ].map((code) => [code, 'fr' as PersonLocale]),
  ),
  ...Object.fromEntries(
    [
      'MA',
      'DZ',
      'TN',
      'LY',
      'EG',
      'MR',
      'SD',
      'JO',
      'LB',
      'SY',
      'IQ',
      'PS',
      'SA',
      'YE',
      'OM',
      'AE',
      'QA',
      'BH',
      'KW',
    ].map((code) => [code, 'ar' as PersonLocale]),
  ),
  NL: 'nl',
  SR: 'nl',
};

export function territoryLocale(countryCode: string | null | undefined): PersonLocale {
  return (countryCode && COUNTRY_LOCALES[countryCode.toUpperCase()]) || 'en';
}

/** The user's own choice, else its territory's language. */
export function recipientLocale(
  chosen: string | null | undefined,
  countryCode: string | null | undefined,
): PersonLocale {
  return isPersonLocale(chosen) ? chosen : territoryLocale(countryCode);
}
