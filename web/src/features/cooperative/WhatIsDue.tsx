import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Money } from '../../ui/Money';
import { Pending } from '../../ui/ReadFailed';
import { useCycle } from '../cycle/queries';

/** What the cooperative is due for a settled month: in the season's currency and in its own. */
export default function WhatIsDue({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cycle = useCycle(cycleId);
  const statements = useQuery({
    queryKey: ['statements', cycleId],
    queryFn: () => data(api.GET('/cycles/{id}/statements', { params: { path: { id: cycleId } } })),
  });
  if (!statements.data || !cycle.data) return <Pending queries={[statements, cycle]} />;
  return (
    <>
      <h1 tabIndex={-1}>{t('cooperative.dueTitle', { month: format.month(cycle.data.month) })}</h1>
      {statements.data.cooperatives.map((due) => (
        <section key={due.cooperativeId} className="card">
          <dl className="facts">
            <dt>
              <Icon name="leaf" /> {t('cooperative.dueSeason', { currency: due.currency })}
            </dt>
            <dd className="big">
              <Money minor={due.dueMinor} currency={due.currency} />
            </dd>
            <dt>
              <Icon name="leaf" /> {t('cooperative.dueOwn', { currency: due.producerCurrency })}
            </dt>
            <dd className="big">
              <Money minor={due.dueProducerMinor} currency={due.producerCurrency} />
            </dd>
          </dl>
        </section>
      ))}
    </>
  );
}
