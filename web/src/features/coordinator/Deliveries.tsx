import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError, api, data } from '../../api/client';
import { lineIndexOf } from '../../api/server-message';
import { enqueue, useQueuedWrite } from '../../app/outbox';
import { Link } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { isolate, useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { QuantityStepper } from '../../ui/QuantityStepper';
import { Pending } from '../../ui/ReadFailed';
import { ServerMessage, type FieldLabels } from '../../ui/ServerMessage';
import { StatusAnnouncer, type StatusTone } from '../../ui/StatusAnnouncer';
import { seasonData, type Cycle } from '../member/season-data';
import { SeasonPicker, type Season } from '../member/SeasonPicker';
import { deliveredCycles, groupData } from './group-data';

type Said = { tone: StatusTone; message: ReactNode } | null;

/** What arrived per offer, recorded after the delivery; queued like a pledge when offline. */
function ReceiptForm({ cycle, groupId, currency }: { cycle: Cycle; groupId: string; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const receipt = useQuery(groupData.receipt(cycle.id, groupId));
  const offers = useQuery(seasonData.offers(cycle.seasonId));
  const key = `receipts:${cycle.id}:${groupId}`;
  const month = format.month(cycle.month);
  const { entry, replace } = useQueuedWrite(me.user.id, key, () => {
    setSaid({ tone: 'done', message: t('deliveries.saved', { month }) });
    void queryClient.invalidateQueries({ queryKey: ['cycles', cycle.id] });
  });
  const [lines, setLines] = useState<Record<string, number>>({});
  const [said, setSaid] = useState<Said>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!receipt.data) return;
    setLines(
      Object.fromEntries(receipt.data.lines.map((line) => [line.offerId, line.received ?? line.allocated])),
    );
  }, [receipt.data]);
  if (!receipt.data || !offers.data) return <Pending queries={[receipt, offers]} part />;
  const offerOf = (offerId: string) => offers.data.find((offer) => offer.id === offerId);
  const recorded = receipt.data.lines.some((line) => line.received !== null);
  // `lines.0.quantity` names the first line of the body sent (the form's order).
  const sentOrder =
    (entry?.body as { lines?: { offerId: string }[] } | undefined)?.lines?.map((line) => line.offerId) ??
    Object.keys(lines);
  const labels: FieldLabels = (path) => {
    const offer = offerOf(sentOrder[lineIndexOf(path)] ?? '');
    return offer ? t('deliveries.receivedOf', { product: isolate(offer.product) }) : undefined;
  };
  const reason = (message: string) => <ServerMessage message={message} labels={labels} />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaid(null);
    replace();
    const body = { lines: Object.entries(lines).map(([offerId, quantity]) => ({ offerId, quantity })) };
    try {
      if (!navigator.onLine) throw new NetworkError('offline');
      await data(
        api.PUT('/cycles/{id}/receipts/{consumerGroupId}', {
          params: { path: { id: cycle.id, consumerGroupId: groupId } },
          body,
        }),
      );
      setSaid({ tone: 'done', message: t('deliveries.saved', { month }) });
      await queryClient.invalidateQueries({ queryKey: ['cycles', cycle.id] });
    } catch (error) {
      if (error instanceof NetworkError)
        enqueue({
          userId: me.user.id,
          key,
          method: 'PUT',
          path: `/cycles/${cycle.id}/receipts/${groupId}`,
          body,
        });
      else
        setSaid({
          tone: 'error',
          message: error instanceof ApiError ? reason(error.message) : t('errors.server'),
        });
    } finally {
      setBusy(false);
    }
  };
  const status: Said =
    entry?.state === 'waiting'
      ? { tone: 'waiting', message: t('deliveries.waiting') }
      : entry?.state === 'failed'
        ? { tone: 'error', message: reason(entry.error?.message ?? '') }
        : said;
  return (
    <form onSubmit={submit}>
      <p className="hint">{recorded ? t('deliveries.recorded') : t('deliveries.intro')}</p>
      <ul className="pledge-lines">
        {receipt.data.lines.map((line) => {
          const offer = offerOf(line.offerId);
          return (
            <li key={line.offerId}>
              <QuantityStepper
                label={t('deliveries.receivedOf', { product: isolate(offer?.product ?? '') })}
                unit={offer?.unit ?? ''}
                value={lines[line.offerId] ?? 0}
                onChange={(quantity) => setLines((current) => ({ ...current, [line.offerId]: quantity }))}
              />
              <span className="hint">
                {t('deliveries.expected', { count: line.allocated, unit: isolate(offer?.unit ?? '') })} ·{' '}
                {format.money(line.allocated * (offer?.unitPriceMinor ?? 0), currency)}
              </span>
            </li>
          );
        })}
      </ul>
      <StatusAnnouncer tone={status?.tone}>{status?.message}</StatusAnnouncer>
      <button type="submit" disabled={busy}>
        {t('deliveries.save')}
      </button>
    </form>
  );
}

/** After a delivery: what arrived, then the distribution list to hand out at the drop point. */
export function Deliveries({ seasons, groupId }: { seasons: Season[]; groupId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [seasonId, setSeasonId] = useState(seasons[0]?.id ?? '');
  const season = seasons.find((one) => one.id === seasonId) ?? seasons[0];
  const cycles = useQuery({ ...seasonData.cycles(season?.id ?? ''), enabled: Boolean(season) });
  const delivered = cycles.data ? deliveredCycles(cycles.data) : [];
  return (
    <>
      <h1 tabIndex={-1}>{t('deliveries.title')}</h1>
      {season && <SeasonPicker seasons={seasons} value={season.id} onChange={setSeasonId} />}
      {!cycles.data ? (
        <Pending queries={[cycles]} part />
      ) : delivered.length === 0 ? (
        <p>{t('deliveries.none')}</p>
      ) : (
        delivered.map((cycle) => (
          <section key={cycle.id} className="card" aria-labelledby={`delivery-${cycle.id}`}>
            <h2 id={`delivery-${cycle.id}`}>
              {format.month(cycle.month)} <span className="muted">· {t(`status.${cycle.status}`)}</span>
            </h2>
            <p>{t('deliveries.loading', { date: format.date(cycle.loadingDate) })}</p>
            <ReceiptForm cycle={cycle} groupId={groupId} currency={season.currency} />
            <p>
              <Link to={`/coordinator/deliveries/${cycle.id}`} className="button-link secondary">
                <Icon name="print" /> {t('distribution.open', { month: format.month(cycle.month) })}
              </Link>
            </p>
          </section>
        ))
      )}
    </>
  );
}
