import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../api/client';
import { LOCALES, LOCALE_NAMES, isLocale, switchLocale, type Locale } from './i18n';
import { queryClient } from './query-client';

/** The language of the app: switched at once, and remembered on the account when signed in. */
export function LanguagePicker({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const choose = async (locale: Locale) => {
    await switchLocale(locale);
    if (!signedIn) return;
    await data(api.PATCH('/me', { body: { locale } })).catch(() => undefined);
    await queryClient.invalidateQueries({ queryKey: ['me'] });
  };
  return (
    <div className="language">
      <label htmlFor={id}>{t('common.language')}</label>
      <select
        id={id}
        value={i18n.language}
        onChange={(event) => isLocale(event.target.value) && void choose(event.target.value)}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
