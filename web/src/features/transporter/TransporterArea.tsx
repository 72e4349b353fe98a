import '../cycle/operations.css';
import { useTranslation } from 'react-i18next';
import { NextStepCard } from '../../app/NextStepCard';
import { Link, matchPath, useLocation } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { NotFound, Pending } from '../../ui/ReadFailed';
import { reached, useSeasonCycles } from '../cycle/queries';
import CycleShipments from './CycleShipments';

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
          <span className="muted">{t(`status.${cycle.status}`)}</span>{' '}
          {reached(cycle.status, 'dispatched') ? (
            <Link className="button-link" to={`/transporter/cycles/${cycle.id}`}>
              <Icon name="truck" /> {t('transporter.shipmentsAction')}
            </Link>
          ) : (
            <span className="muted">
              {t('transporter.loadingOn', { date: format.date(cycle.loadingDate) })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The transporter's seasons and, for each month it has carried, its shipments. */
export default function TransporterArea() {
  const { pathname } = useLocation();
  const { t } = useTranslation();
  const me = useSignedIn();
  const cycle = matchPath('/transporter/cycles/:cycleId', pathname);
  if (cycle) return <CycleShipments cycleId={cycle.cycleId} />;
  if (!matchPath('/transporter', pathname)) return <NotFound />;
  return (
    <>
      <h1 tabIndex={-1}>{t('transporter.title')}</h1>
      {me.seasons.length === 0 && <p>{t('seasons.none')}</p>}
      {me.seasons.map((season) => (
        <section key={season.id} className="card">
          <h2>{season.name}</h2>
          <NextStepCard season={season} />
          <SeasonCycles seasonId={season.id} />
        </section>
      ))}
    </>
  );
}
