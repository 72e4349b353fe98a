import { useTranslation } from 'react-i18next';
import { DeadlineBadge } from '../ui/DeadlineBadge';
import { useFormat } from '../ui/format';
import { Icon } from '../ui/Icon';
import { nextStepTarget } from './next-step';
import { Link, useLocation } from './router';
import type { Me } from './session';

/**
 * What the user has to do next in a season (`next` of `GET /me`) and by when: a link to the page
 * where it is done, unless that is the page already shown.
 */
export function NextStepCard({ season }: { season: Me['seasons'][number] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { pathname } = useLocation();
  const next = season.next;
  if (!next) return null;
  const target = nextStepTarget(next, season.id);
  const what = t(`next.${next.action}`, { month: format.month(next.month) });
  return (
    <div className="next-step">
      <p>
        <span className="muted">
          {t('next.title')}
          {t('common.colon')}
        </span>
        {pathname === target.to ? (
          <strong>{what}</strong>
        ) : (
          <Link className="button-link" to={target.to}>
            <Icon name="check" /> {what}
          </Link>
        )}
      </p>
      <DeadlineBadge
        deadline={next.deadline}
        timeZone={season.timeZone}
        kind={target.deadline}
        day={target.day}
      />
    </div>
  );
}
