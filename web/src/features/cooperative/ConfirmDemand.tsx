import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError, api, data } from '../../api/client';
import { lineIndexOf } from '../../api/server-message';
import { enqueue, useQueuedWrite } from '../../app/outbox';
import { useSignedIn } from '../../app/session';
import { DeadlineBadge } from '../../ui/DeadlineBadge';
import { isolate, useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { QuantityStepper } from '../../ui/QuantityStepper';
import { Pending } from '../../ui/ReadFailed';
import { ServerMessage, type FieldLabels } from '../../ui/ServerMessage';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { commonExplanation } from '../account/useForm';
import { useCycle, useDemand, useOffers } from '../cycle/queries';

type Lines = { offerId: string; quantity: number }[];
interface Refusal {
  status: number;
  message: string;
  /** the version the refused confirmation was made on: a 409's news is a newer one */
  sentVersion: number;
}

/**
 * The demand on each of the cooperative's offers, with packages, and the confirmation form:
 * never above the demand, the confirm-by deadline in sight. Made offline, the confirmation
 * waits in the outbox and goes when the connection returns; a 409 (someone confirmed first)
 * or a 422 (the cycle moved on) is told in plain words, with what counts now.
 */
export default function ConfirmDemand({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedIn();
  const client = useQueryClient();
  const cooperativeId = me.organisation?.id ?? '';
  const key = `confirm:${cycleId}`;
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // A 409 says someone confirmed: until a confirmation newer than the refused one has arrived,
  // nothing is shown as counting.
  const winnerUnknown = (version = 0) => refusal?.status === 409 && version <= refusal.sentVersion;
  // After a 422 the cycle has moved on: asked again while the cache still says it is confirming.
  const cycle = useCycle(cycleId, (data) => refusal?.status === 422 && data?.status === 'confirming');
  const offers = useOffers(cycle.data?.seasonId);
  const demand = useDemand(cycleId);
  const state = useQuery({
    queryKey: ['confirmation', cycleId, cooperativeId],
    // After a 409 the confirmation that won must be shown, not the one the cache still holds
    // (a slow network answers from the cache): asked again until it is newer.
    refetchInterval: (query) => (winnerUnknown(query.state.data?.version) ? 2_000 : false),
    queryFn: () =>
      data(
        api.GET('/cycles/{id}/confirmations/{cooperativeId}', {
          params: { path: { id: cycleId, cooperativeId } },
        }),
      ),
  });
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [saved, setSaved] = useState(false);
  // A confirmation that waited offline and has now gone: say so, as for one sent at once.
  const { entry, replace } = useQueuedWrite(me.user.id, key, () => setSaved(true));
  const [problem, setProblem] = useState<ReactNode>(null);

  useEffect(() => {
    if (!demand.data) return;
    const fromQueue = entry ? (entry.body as { lines: Lines }).lines : [];
    setQuantities((kept) => ({
      ...Object.fromEntries(demand.data.map((line) => [line.offerId, line.confirmed ?? line.quantity])),
      ...Object.fromEntries(fromQueue.map((line) => [line.offerId, line.quantity])),
      ...kept,
    }));
    // the queued body is read once, when the page opens with it
  }, [demand.data]);

  useEffect(() => {
    if (entry?.state === 'failed' && entry.error) {
      setRefusal({ ...entry.error, sentVersion: (entry.body as { version?: number }).version ?? 0 });
      void client.invalidateQueries({ queryKey: ['confirmation', cycleId] });
      void client.invalidateQueries({ queryKey: ['cycle', cycleId] });
      void client.invalidateQueries({ queryKey: ['demand', cycleId] });
    }
  }, [entry?.state, entry?.error, client, cycleId]);

  if (!cycle.data || !demand.data || !offers.data) return <Pending queries={[cycle, demand, offers]} />;
  const timeZone = cycle.data.timeZone;
  const confirming = cycle.data.status === 'confirming';
  const lines: Lines = demand.data.map((line) => ({
    offerId: line.offerId,
    quantity: Math.min(quantities[line.offerId] ?? line.quantity, line.quantity),
  }));

  // `lines.0.quantity`: the first line sent, named by its product.
  const labels: FieldLabels = (path) => {
    const line = lines[lineIndexOf(path)];
    return line ? (offers.data.get(line.offerId)?.product.name ?? undefined) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setRefusal(null);
    setProblem(null);
    const body = { lines, version: state.data?.version ?? 0 };
    replace();
    try {
      await data(
        api.PUT('/cycles/{id}/confirmations/{cooperativeId}', {
          params: { path: { id: cycleId, cooperativeId } },
          body,
        }),
      );
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['confirmation', cycleId] });
      await client.invalidateQueries({ queryKey: ['demand', cycleId] });
    } catch (error) {
      if (error instanceof NetworkError) {
        enqueue({
          userId: me.user.id,
          key,
          method: 'PUT',
          path: `/cycles/${cycleId}/confirmations/${cooperativeId}`,
          body,
        });
      } else if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        setRefusal({ status: error.status, message: error.message, sentVersion: body.version });
        await client.invalidateQueries({ queryKey: ['confirmation', cycleId] });
        await client.invalidateQueries({ queryKey: ['cycle', cycleId] });
      } else setProblem(commonExplanation(error, t, labels));
    }
  };

  const counts = state.data?.lines ?? [];
  const waitingForWinner = winnerUnknown(state.data?.version);
  const unit = (offerId: string) => offers.data.get(offerId)?.product.unit ?? '';
  const name = (offerId: string) => offers.data.get(offerId)?.product.name ?? offerId;

  return (
    <form onSubmit={submit} noValidate>
      <h1 tabIndex={-1}>{t('cooperative.confirmTitle', { month: format.month(cycle.data.month) })}</h1>
      <DeadlineBadge deadline={cycle.data.confirmBy} timeZone={timeZone} kind="confirm" />
      {!confirming && (
        <p className="status status-info">
          <Icon name="warning" />{' '}
          {t('cooperative.notConfirming', { status: t(`status.${cycle.data.status}`) })}
        </p>
      )}
      <p>{t('cooperative.confirmHint')}</p>
      <ul className="cards">
        {demand.data.map((line) => (
          <li key={line.offerId} className="card">
            <h2>
              <Icon name="leaf" /> {name(line.offerId)}
            </h2>
            <dl className="facts">
              <dt>{t('cooperative.demand')}</dt>
              <dd className="big number">
                {format.number(line.quantity)} <bdi className="unit">{unit(line.offerId)}</bdi>
              </dd>
              <dt>{t('cooperative.packages')}</dt>
              <dd className="big number">{format.number(line.packages)}</dd>
            </dl>
            <QuantityStepper
              label={t('cooperative.confirmFor', { product: name(line.offerId) })}
              unit={unit(line.offerId)}
              value={Math.min(quantities[line.offerId] ?? line.quantity, line.quantity)}
              max={line.quantity}
              disabled={!confirming}
              onChange={(value) => setQuantities((all) => ({ ...all, [line.offerId]: value }))}
            />
            <p className="hint">
              {t('cooperative.atMost', { count: line.quantity, unit: isolate(unit(line.offerId)) })}
            </p>
          </li>
        ))}
      </ul>
      <StatusAnnouncer
        tone={
          entry?.state === 'waiting' ? 'waiting' : saved ? 'done' : refusal || problem ? 'error' : undefined
        }
      >
        {entry?.state === 'waiting'
          ? t('cooperative.confirmQueued')
          : saved
            ? t('cooperative.confirmSaved')
            : refusal
              ? t(refusal.status === 409 ? 'cooperative.refused409' : 'cooperative.refused422', {
                  status: t(`status.${cycle.data.status}`),
                })
              : problem}
      </StatusAnnouncer>
      {refusal && (
        <section className="card" aria-labelledby="what-counts">
          <h2 id="what-counts">{t('cooperative.whatCounts')}</h2>
          {/* Nobody confirmed: the month's delivery pledge counts, as allocation recorded it. */}
          {waitingForWinner && <p className="loading">{t('common.loading')}</p>}
          {!waitingForWinner && !state.data?.confirmedAt && <p>{t('cooperative.heldToPledge')}</p>}
          {!waitingForWinner && counts.length > 0 && (
            <ul>
              {counts.map((line) => (
                <li key={line.offerId}>
                  {/* isolated: a Latin product name inside an Arabic line would take the colon and figure with it */}
                  <bdi>{name(line.offerId)}</bdi>
                  {t('common.colon')}
                  <strong className="number">
                    {format.number(line.quantity)} <bdi>{unit(line.offerId)}</bdi>
                  </strong>
                </li>
              ))}
            </ul>
          )}
          {state.data?.confirmedBy && (
            <p className="muted">
              {t('cooperative.confirmedBy', {
                who: isolate(state.data.confirmedBy),
                date: state.data.confirmedAt ? format.dateTime(state.data.confirmedAt) : '',
              })}
            </p>
          )}
          <p className="muted">
            <ServerMessage message={refusal.message} labels={labels} />
          </p>
        </section>
      )}
      {state.data?.confirmedAt && !refusal && (
        <p className="muted">
          <Icon name="check" />{' '}
          {t('cooperative.confirmedBy', {
            who: isolate(state.data.confirmedBy ?? ''),
            date: format.dateTime(state.data.confirmedAt),
          })}
        </p>
      )}
      <button type="submit" disabled={!confirming}>
        <Icon name="check" />{' '}
        {t(refusal?.status === 409 ? 'cooperative.confirmAgain' : 'cooperative.confirmSubmit')}
      </button>
    </form>
  );
}
