import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { ScrollTable } from '../../ui/ScrollTable';
import { useCycle, useOffers } from '../cycle/queries';

/** What to bring to the pickup point on the loading day, per offer and group; printable. */
export default function LoadingList({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cycle = useCycle(cycleId);
  const offers = useOffers(cycle.data?.seasonId);
  const list = useQuery({
    queryKey: ['loading-list', cycleId],
    queryFn: () => data(api.GET('/cycles/{id}/loading-list', { params: { path: { id: cycleId } } })),
  });
  if (!list.data || !offers.data || !cycle.data) return <Pending queries={[list, offers, cycle]} />;
  const groups = [...new Set(list.data.lines.map((line) => line.consumerGroupId))];
  return (
    <>
      <h1 tabIndex={-1}>{t('cooperative.loadingTitle', { month: format.month(cycle.data.month) })}</h1>
      <dl className="facts">
        <dt>
          <Icon name="calendar" /> {t('cooperative.loadingDay')}
        </dt>
        <dd className="big">{format.date(list.data.loadingDate)}</dd>
        <dt>
          <Icon name="truck" /> {t('cooperative.pickupPoint')}
        </dt>
        <dd>
          {list.data.pickupPoint.name}, {list.data.pickupPoint.address}
        </dd>
      </dl>
      <p className="no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          <Icon name="print" /> {t('cooperative.print')}
        </button>
      </p>
      <ScrollTable label={t('cooperative.loadingListAction')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cooperative.product')}</th>
              <th scope="col">{t('cooperative.group')}</th>
              <th scope="col" className="figure">
                {t('cooperative.packages')}
              </th>
              <th scope="col" className="figure">
                {t('cooperative.units')}
              </th>
              <th scope="col" className="figure">
                {t('cooperative.grossKg')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.lines.map((line) => {
              const offer = offers.data.get(line.offerId);
              return (
                <tr key={`${line.offerId}-${line.consumerGroupId}`}>
                  <th scope="row">{offer?.product.name ?? line.offerId}</th>
                  <td>{t('cooperative.groupNumber', { n: groups.indexOf(line.consumerGroupId) + 1 })}</td>
                  <td className="figure big">{format.number(line.packages)}</td>
                  <td className="figure">
                    {format.number(line.units)} <bdi>{offer?.product.unit}</bdi>
                  </td>
                  <td className="figure">{format.kg(line.grossKg)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('cooperative.total')}
              </th>
              <td className="figure big">{format.number(list.data.totals.packages)}</td>
              <td className="figure">{format.number(list.data.totals.units)}</td>
              <td className="figure">{format.kg(list.data.totals.grossKg)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollTable>
    </>
  );
}
