import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { NextStepCard } from '../../app/NextStepCard';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { reached, useSeasonCycles } from '../cycle/queries';

function SeasonCycles({ seasonId }: { seasonId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cycles = useSeasonCycles(seasonId);
  if (!cycles.data) return <Pending queries={[cycles]} part />;
  return (
    <ul className="cycle-list">
      {cycles.data.map((cycle) => (
        <li key={cycle.id}>
          <span className="cycle-month">{format.month(cycle.month)}</span>{' '}
          <span className="muted">{t(`status.${cycle.status}`)}</span>
          <span className="actions">
            {cycle.status === 'confirming' && (
              <Link className="button-link" to={`/cooperative/cycles/${cycle.id}/confirm`}>
                <Icon name="check" /> {t('cooperative.confirmAction')}
              </Link>
            )}
            {reached(cycle.status, 'allocated') && (
              <Link className="button-link secondary" to={`/cooperative/cycles/${cycle.id}/loading-list`}>
                <Icon name="truck" /> {t('cooperative.loadingListAction')}
              </Link>
            )}
            {cycle.status === 'settled' && (
              <Link className="button-link secondary" to={`/cooperative/cycles/${cycle.id}/due`}>
                <Icon name="leaf" /> {t('cooperative.dueAction')}
              </Link>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The cooperative's seasons: the plan of each, and what each month asks of it now. */
export default function CooperativeHome() {
  const { t } = useTranslation();
  const me = useSignedIn();
  return (
    <>
      <h1 tabIndex={-1}>{t('cooperative.title')}</h1>
      {me.seasons.length === 0 && <p>{t('seasons.none')}</p>}
      {me.seasons.map((season) => (
        <section key={season.id} className="card">
          <h2>{season.name}</h2>
          <NextStepCard season={season} />
          <p>
            <Link className="button-link" to={`/cooperative/seasons/${season.id}`}>
              <Icon name="calendar" /> {t('cooperative.planAction')}
            </Link>
          </p>
          <SeasonCycles seasonId={season.id} />
        </section>
      ))}
    </>
  );
}
