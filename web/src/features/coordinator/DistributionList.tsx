import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { addressRefused, NotFound } from '../../ui/ReadFailed';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { groupData } from './group-data';

/**
 * What to hand each member at the drop point, as the server lists it once the delivery is
 * recorded: a table to print (print CSS) or the server's PDF. One column per product, the
 * group's totals below; a member who got less than allocated (goods short on arrival) is told.
 */
export function DistributionList({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery(groupData.distribution(cycleId));
  const month = list.data ? format.month(list.data.month) : '';
  // `2 × 6 + 1`: whole packs and the units beyond them, as the PDF prints them.
  const packs = (line: { packs: number; looseUnits: number; packSize: number }) =>
    line.packSize > 1 && line.packs > 0
      ? `(${format.number(line.packs)} × ${format.number(line.packSize)}${line.looseUnits > 0 ? ` + ${format.number(line.looseUnits)}` : ''})`
      : '';
  if (addressRefused(list.error)) return <NotFound />;
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
      ) : !list.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <p>
            {list.data.consumerGroup.name} · {list.data.consumerGroup.dropPoint.name},{' '}
            {list.data.consumerGroup.dropPoint.address}
          </p>
          <div className="table-wrap" tabIndex={0}>
            <table className="distribution">
              <caption>{t('distribution.caption', { month })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('members.name')}</th>
                  {list.data.totals.lines.map((offer) => (
                    <th scope="col" key={offer.offerId} className="figure">
                      {offer.product}{' '}
                      <span className="muted">
                        (<bdi>{offer.unit}</bdi>)
                      </span>
                    </th>
                  ))}
                  <th scope="col">{t('distribution.handedOver')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.members.map((member) => (
                  <tr key={member.memberId}>
                    <th scope="row">
                      {member.name}
                      {!member.active && <span className="muted"> · {t('distribution.left')}</span>}
                    </th>
                    {list.data.totals.lines.map((offer) => {
                      const line = member.lines.find((one) => one.offerId === offer.offerId);
                      return (
                        <td key={offer.offerId} className="figure">
                          {format.number(line?.quantity ?? 0)}
                          {line && packs(line) && <span className="muted hint"> {packs(line)}</span>}
                          {line && line.quantity < line.allocated && (
                            <span className="hint">
                              {' '}
                              {t('distribution.short', { count: line.allocated })}
                            </span>
                          )}
                        </td>
                      );
                    })}
                    <td className="tick" aria-label={t('distribution.handedOver')}>
                      ☐
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('distribution.total', { count: list.data.totals.members })}</th>
                  {list.data.totals.lines.map((offer) => (
                    <td key={offer.offerId} className="figure">
                      {format.number(offer.quantity)}
                      {offer.surplus > 0 && (
                        <span className="hint"> {t('distribution.surplus', { count: offer.surplus })}</span>
                      )}
                    </td>
                  ))}
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}
