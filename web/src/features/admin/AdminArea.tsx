import '../cycle/operations.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { everyItem } from '../../api/pages';
import { NextStepCard } from '../../app/NextStepCard';
import { Link, matchPath, useLocation } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { NotFound } from '../../ui/ReadFailed';
import { useSeasonCycles } from '../cycle/queries';
import CharterEditor from './CharterEditor';
import CycleDashboard from './CycleDashboard';
import Logs from './Logs';
import SetupWizard from './SetupWizard';

function SeasonCycles({ seasonId }: { seasonId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cycles = useSeasonCycles(seasonId);
  return (
    <ul className="cycle-list">
      {cycles.data?.map((cycle) => (
        <li key={cycle.id}>
          <Link to={`/admin/cycles/${cycle.id}`}>{format.month(cycle.month)}</Link>{' '}
          <span className="muted">{t(`status.${cycle.status}`)}</span>
        </li>
      ))}
    </ul>
  );
}

/** What GET /me says comes next in the season: the stage to run and when it is due. */
function NextOf({ seasonId }: { seasonId: string }) {
  const season = useSignedIn().seasons.find((mine) => mine.id === seasonId);
  return season ? <NextStepCard season={season} /> : null;
}

/** The steering committee's home: partnerships (set-up, charter) and each season's cycles. */
function AdminHome() {
  const { t } = useTranslation();
  const partnerships = useQuery({
    queryKey: ['partnerships'],
    queryFn: () => everyItem((query) => data(api.GET('/partnerships', { params: { query } }))),
  });
  const seasons = useQuery({
    queryKey: ['seasons'],
    queryFn: () => everyItem((query) => data(api.GET('/seasons', { params: { query } }))),
  });
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.title')}</h1>
      <p className="actions">
        <Link className="button-link" to="/admin/setup">
          <Icon name="leaf" /> {t('admin.newPartnership')}
        </Link>
        <Link className="button-link secondary" to="/admin/logs">
          <Icon name="calendar" /> {t('admin.logsTitle')}
        </Link>
      </p>
      <h2>{t('admin.partnerships')}</h2>
      <ul className="cards">
        {partnerships.data?.map((p) => (
          <li key={p.id} className="card">
            <h3>{p.name}</h3>
            <p className="actions">
              <Link className="button-link secondary" to={`/admin/setup?partnership=${p.id}`}>
                {t('admin.setupAction')}
              </Link>
              <Link className="button-link secondary" to={`/admin/partnerships/${p.id}/charter`}>
                {t('admin.charterAction')}
              </Link>
            </p>
          </li>
        ))}
      </ul>
      <h2>{t('admin.seasons')}</h2>
      <ul className="cards">
        {seasons.data?.map((season) => (
          <li key={season.id} className="card">
            <h3>{season.name}</h3>
            <NextOf seasonId={season.id} />
            <SeasonCycles seasonId={season.id} />
          </li>
        ))}
      </ul>
    </>
  );
}

export default function AdminArea() {
  const { pathname } = useLocation();
  const cycle = matchPath('/admin/cycles/:cycleId', pathname);
  if (cycle) return <CycleDashboard cycleId={cycle.cycleId} />;
  const charter = matchPath('/admin/partnerships/:id/charter', pathname);
  if (charter) return <CharterEditor partnershipId={charter.id} />;
  if (pathname === '/admin/setup') return <SetupWizard />;
  if (pathname === '/admin/logs') return <Logs />;
  if (matchPath('/admin', pathname)) return <AdminHome />;
  return <NotFound />;
}
