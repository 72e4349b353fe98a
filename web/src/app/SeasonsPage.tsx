import { useTranslation } from 'react-i18next';
import { isolate, useFormat } from '../ui/format';
import { NextStepCard } from './NextStepCard';
import { useSignedIn } from './session';

/** Every user's seasons, with what comes next in each. */
export default function SeasonsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedIn();
  return (
    <>
      <h1 tabIndex={-1}>{t('seasons.title')}</h1>
      {me.organisation && <p>{t('seasons.organisation', { name: isolate(me.organisation.name) })}</p>}
      {me.seasons.length === 0 ? (
        <p>{t('seasons.none')}</p>
      ) : (
        <ul className="cards">
          {me.seasons.map((season) => (
            <li key={season.id} className="card">
              <h2>{season.name}</h2>
              <p>
                {t('seasons.months', {
                  first: format.month(season.firstMonth),
                  last: format.month(season.lastMonth),
                })}{' '}
                · {season.currency}
              </p>
              <NextStepCard season={season} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
