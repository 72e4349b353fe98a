import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NetworkError, api, data } from '../../api/client';
import { lineIndexOf } from '../../api/server-message';
import { enqueue, useQueuedWrite } from '../../app/outbox';
import { useSignedIn } from '../../app/session';
import { FigureTiles } from '../../ui/FigureTiles';
import { isolate, useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { QuantityStepper } from '../../ui/QuantityStepper';
import { Pending } from '../../ui/ReadFailed';
import { ServerMessage } from '../../ui/ServerMessage';
import { StatusAnnouncer, type StatusTone } from '../../ui/StatusAnnouncer';
import { commonExplanation } from '../account/useForm';
import { useOffers, useSeason, useSeasonCycles, type Schemas } from '../cycle/queries';

type Row = Schemas['PlanRowDto'];
const keyOf = (row: { offerId: string; month: string }) => `${row.offerId}|${row.month}`;

/**
 * The seasonal plan per offer × month: what the groups committed, the cooperative's delivery
 * pledge (editable while the month is open), its capacity and the charter's export cap.
 */
export default function SeasonPlan({ seasonId }: { seasonId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedIn();
  const client = useQueryClient();
  const cooperativeId = me.organisation?.id ?? '';
  const season = useSeason(seasonId);
  const offers = useOffers(seasonId);
  const cycles = useSeasonCycles(seasonId);
  const plan = useQuery({
    queryKey: ['plan', seasonId],
    queryFn: () => data(api.GET('/seasons/{id}/plan', { params: { path: { id: seasonId } } })),
  });
  const [pledges, setPledges] = useState<Record<string, number>>({});
  const [status, setStatus] = useState<{ tone: StatusTone; text: ReactNode } | null>(null);
  const queueKey = `delivery-pledges:${seasonId}`;
  const { entry, replace } = useQueuedWrite(me.user.id, queueKey, () =>
    setStatus({ tone: 'done', text: t('cooperative.pledgesSaved') }),
  );
  useEffect(() => {
    if (!plan.data) return;
    setPledges((kept) => ({
      ...Object.fromEntries(plan.data.map((row) => [keyOf(row), row.deliveryPledge ?? 0])),
      ...kept,
    }));
  }, [plan.data]);

  if (!plan.data || !offers.data || !cycles.data) return <Pending queries={[plan, offers, cycles]} />;
  const open = new Set(cycles.data.filter((c) => c.status === 'open').map((c) => c.month));
  const rows = plan.data.filter((row) => row.cooperativeId === cooperativeId || !cooperativeId);
  const byOffer = new Map<string, Row[]>();
  for (const row of rows) byOffer.set(row.offerId, [...(byOffer.get(row.offerId) ?? []), row]);
  const path = `/seasons/${seasonId}/cooperatives/${cooperativeId}/delivery-pledges`;

  // `lines.2.quantity`: the line sent at that place, named by its product and month.
  const labelsFor =
    (lines: { offerId: string; month: string }[]) =>
    (path: string): string | undefined => {
      const line = lines[lineIndexOf(path)];
      return line
        ? `${offers.data.get(line.offerId)?.product.name ?? ''} (${format.month(line.month)})`
        : undefined;
    };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const lines = rows
      .filter((row) => open.has(row.month))
      .map((row) => ({ offerId: row.offerId, month: row.month, quantity: pledges[keyOf(row)] ?? 0 }));
    replace();
    setStatus(null);
    try {
      if (!navigator.onLine) throw new NetworkError('offline');
      await data(
        api.PUT('/seasons/{id}/cooperatives/{cooperativeId}/delivery-pledges', {
          params: { path: { id: seasonId, cooperativeId } },
          body: { lines },
        }),
      );
      setStatus({ tone: 'done', text: t('cooperative.pledgesSaved') });
      await client.invalidateQueries({ queryKey: ['plan', seasonId] });
    } catch (error) {
      if (error instanceof NetworkError)
        enqueue({ userId: me.user.id, key: queueKey, method: 'PUT', path, body: { lines } });
      else setStatus({ tone: 'error', text: commonExplanation(error, t, labelsFor(lines)) });
    }
  };
  // What the queue says comes first: waiting, or refused once the connection came back.
  const shown: { tone: StatusTone; text: ReactNode } | null =
    entry?.state === 'waiting'
      ? { tone: 'waiting', text: t('cooperative.pledgesQueued') }
      : entry?.state === 'failed'
        ? {
            tone: 'error',
            text: (
              <ServerMessage
                message={entry.error?.message ?? ''}
                labels={labelsFor((entry.body as { lines: { offerId: string; month: string }[] }).lines)}
              />
            ),
          }
        : status;

  return (
    <form onSubmit={save} noValidate>
      <h1 tabIndex={-1}>{t('cooperative.planTitle', { season: isolate(season.data?.name ?? '') })}</h1>
      <p className="hint">{t('cooperative.planHint')}</p>
      {[...byOffer.entries()].map(([offerId, months]) => {
        const offer = offers.data.get(offerId);
        const unit = offer?.product.unit ?? '';
        return (
          <section key={offerId} className="plan-offer" aria-labelledby={`offer-${offerId}`}>
            <h2 id={`offer-${offerId}`}>
              <Icon name="leaf" /> {offer?.product.name ?? offerId}
            </h2>
            <p className="muted">{t('cooperative.planCaption', { unit: isolate(unit) })}</p>
            <ul className="cards plan-months">
              {months.map((row) => {
                const over = row.exportCap !== null && row.commitments > row.exportCap;
                return (
                  <li key={row.month} className="card plan-month">
                    <h3>
                      <Icon name="calendar" /> {format.month(row.month)}
                    </h3>
                    <FigureTiles
                      tiles={[
                        { label: t('cooperative.commitments'), value: format.number(row.commitments) },
                        { label: t('cooperative.capacity'), value: format.number(row.monthlyCapacity) },
                        {
                          label: t('cooperative.exportCap'),
                          value: row.exportCap === null ? '—' : format.number(row.exportCap),
                          over,
                        },
                      ]}
                    />
                    {over && (
                      <p className="over">
                        <Icon name="warning" /> {t('cooperative.overCapLine')}
                      </p>
                    )}
                    {open.has(row.month) ? (
                      <QuantityStepper
                        label={t('cooperative.pledgeForMonth', { month: format.month(row.month) })}
                        unit={unit}
                        value={pledges[keyOf(row)] ?? 0}
                        onChange={(value) => setPledges((all) => ({ ...all, [keyOf(row)]: value }))}
                      />
                    ) : (
                      <p>
                        {t('cooperative.deliveryPledge')}
                        {t('common.colon')}
                        <strong className="number">{format.number(row.deliveryPledge ?? 0)}</strong>{' '}
                        <bdi className="unit">{unit}</bdi>
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <StatusAnnouncer tone={shown?.tone}>{shown?.text}</StatusAnnouncer>
      <button type="submit" disabled={open.size === 0}>
        <Icon name="check" /> {t('cooperative.savePledges')}
      </button>
    </form>
  );
}
