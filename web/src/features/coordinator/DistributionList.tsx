import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { pastData } from '../member/past-data';
import { seasonData } from '../member/season-data';
import { groupData } from './group-data';

/** What to hand each member at the drop point: a table to print (print CSS) or the server's PDF. */
export function DistributionList({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cycle = useQuery(pastData.cycle(cycleId));
  const list = useQuery(groupData.distribution(cycleId));
  const offers = useQuery({ ...seasonData.offers(cycle.data?.seasonId ?? ''), enabled: Boolean(cycle.data) });
  const month = cycle.data ? format.month(cycle.data.month) : '';
  return (
    <>
      <p className="no-print">
        <Link to="/coordinator/deliveries">{t('distribution.back')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('distribution.title', { month })}</h1>
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          <Icon name="print" /> {t('distribution.print')}
        </button>
        <a className="button-link secondary" href={`/api/v1/cycles/${cycleId}/distribution-list.pdf`}>
          <Icon name="download" /> {t('distribution.pdf')}
        </a>
      </div>
      {list.isError ? (
        <StatusAnnouncer tone="error">{t('distribution.unavailable')}</StatusAnnouncer>
      ) : !list.data || !offers.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="distribution">
            <caption>{t('distribution.caption', { month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                {offers.data.map((offer) => (
                  <th scope="col" key={offer.id} className="figure">
                    {offer.product} <span className="muted">({offer.unit})</span>
                  </th>
                ))}
                <th scope="col">{t('distribution.handedOver')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.members.map((member) => (
                <tr key={member.memberId}>
                  <th scope="row">{member.name}</th>
                  {offers.data.map((offer) => (
                    <td key={offer.id} className="figure">
                      {format.number(member.lines.find((line) => line.offerId === offer.id)?.quantity ?? 0)}
                    </td>
                  ))}
                  <td className="tick" aria-label={t('distribution.handedOver')}>
                    ☐
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
