import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError, api, data } from '../../api/client';
import { lineIndexOf } from '../../api/server-message';
import { enqueue, useOutbox, useQueuedWrite } from '../../app/outbox';
import { useSignedIn } from '../../app/session';
import { useFormat } from '../../ui/format';
import { QuantityStepper } from '../../ui/QuantityStepper';
import { ServerMessage, withNode, type FieldLabels } from '../../ui/ServerMessage';
import { StatusAnnouncer, type StatusTone } from '../../ui/StatusAnnouncer';
import { DemandMeter } from './DemandMeter';
import type { LiveDemand, OfferView } from './season-data';

export interface PledgeTarget {
  seasonId: string;
  memberId: string;
  /** A month `YYYY-MM`, or null for the standing pledge (every month still open). */
  month: string | null;
  currency: string;
}

type Lines = Record<string, number>;

const pathOf = (target: PledgeTarget) =>
  `/seasons/${target.seasonId}/members/${target.memberId}/pledges${target.month ? `/${target.month}` : ''}`;

const keyOf = (target: PledgeTarget) =>
  `pledges:${target.seasonId}:${target.memberId}:${target.month ?? 'standing'}`;

/** Months of a member's season with a queued pledge the server refused: their input is kept. */
export function useRefusedMonths(seasonId: string, memberId: string): string[] {
  const me = useSignedIn();
  const prefix = `pledges:${seasonId}:${memberId}:`;
  return useOutbox(me.user.id)
    .filter((entry) => entry.state === 'failed' && entry.key.startsWith(prefix))
    .map((entry) => entry.key.slice(prefix.length))
    .filter((month) => month !== 'standing');
}

const bodyOf = (lines: Lines) => ({
  lines: Object.entries(lines).map(([offerId, quantity]) => ({ offerId, quantity })),
});

const linesOf = (body: unknown): Lines | null => {
  const lines = (body as { lines?: { offerId: string; quantity: number }[] })?.lines;
  return Array.isArray(lines) ? Object.fromEntries(lines.map((line) => [line.offerId, line.quantity])) : null;
};

async function put(target: PledgeTarget, lines: Lines): Promise<void> {
  const body = bodyOf(lines);
  const params = { path: { id: target.seasonId, memberId: target.memberId } };
  if (target.month) {
    await data(
      api.PUT('/seasons/{id}/members/{memberId}/pledges/{month}', {
        params: { path: { ...params.path, month: target.month } },
        body,
      }),
    );
  } else {
    await data(api.PUT('/seasons/{id}/members/{memberId}/pledges', { params, body }));
  }
}

type Outcome = { tone: StatusTone; message: ReactNode } | null;

/**
 * The quantities of one month (or of every open month) per offer, saved with a clear answer:
 * "saved", or, without a connection, "waiting to send" — the write is queued (app/outbox.ts)
 * and sent when the connection returns. A refusal afterwards (the month locked meanwhile) is
 * said in plain words, and what the person typed stays in the form.
 */
export function PledgeForm({
  target,
  offers,
  saved,
  title,
  submitLabel,
  intro,
  demand,
}: {
  demand?: LiveDemand[];
  target: PledgeTarget;
  offers: OfferView[];
  saved: Lines;
  title: ReactNode;
  submitLabel: string;
  intro?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const key = keyOf(target);
  const { entry, replace } = useQueuedWrite(me.user.id, key, () => {
    setOutcome({ tone: 'done', message: t('pledge.sent') });
    setDirty(false);
  });
  const [lines, setLines] = useState<Lines>(() => linesOf(entry?.body) ?? saved);
  const [dirty, setDirty] = useState(Boolean(entry));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const savedKey = JSON.stringify(saved);

  // The server's quantities, when they change and the person has nothing of their own here.
  useEffect(() => {
    if (!dirty) setLines(JSON.parse(savedKey));
  }, [savedKey, dirty]);

  const month = target.month ? format.month(target.month) : t('pledge.everyMonth');
  // `lines.1.quantity` names the second line of the body sent (bodyOf: the form's order).
  const sentOrder = Object.keys(linesOf(entry?.body) ?? lines);
  const labels: FieldLabels = (path) => {
    const offerId = sentOrder[lineIndexOf(path)];
    return offers.find((offer) => offer.id === offerId)?.product;
  };
  const reason = (message: string) => <ServerMessage message={message} labels={labels} />;
  const status: Outcome =
    entry?.state === 'waiting'
      ? { tone: 'waiting', message: t('pledge.waiting', { month }) }
      : entry?.state === 'failed'
        ? {
            tone: 'error',
            message:
              entry.error?.status === 422
                ? t('pledge.lockedMeanwhile', { month })
                : withNode(
                    (slot) => t('pledge.refused', { month, reason: slot }),
                    reason(entry.error?.message ?? ''),
                  ),
          }
        : outcome;

  const change = (offerId: string, quantity: number) => {
    setLines((current) => ({ ...current, [offerId]: quantity }));
    setDirty(true);
    setOutcome(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    // The refused write is replaced by this one: its leaving the queue is not "sent" (which
    // would mark the form clean and put the server's quantities back over the person's).
    replace();
    try {
      if (!navigator.onLine) throw new NetworkError('offline');
      await put(target, lines);
      setDirty(false);
      setOutcome({ tone: 'done', message: t('pledge.saved', { month }) });
      await queryClient.invalidateQueries({ queryKey: ['seasons', target.seasonId] });
    } catch (error) {
      if (error instanceof NetworkError) {
        enqueue({ userId: me.user.id, key, method: 'PUT', path: pathOf(target), body: bodyOf(lines) });
      } else if (error instanceof ApiError && error.status === 422) {
        setOutcome({
          tone: 'error',
          message: withNode((slot) => t('pledge.locked', { month, reason: slot }), reason(error.message)),
        });
      } else {
        setOutcome({
          tone: 'error',
          message: error instanceof ApiError ? reason(error.message) : t('errors.server'),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const forget = () => {
    replace();
    setDirty(false);
    setOutcome(null);
    setLines(saved);
  };

  const total = offers.reduce((sum, offer) => sum + (lines[offer.id] ?? 0) * offer.unitPriceMinor, 0);
  return (
    <form onSubmit={submit} aria-labelledby={titleId} className="pledge-form">
      <h3 id={titleId}>{title}</h3>
      {intro}
      <ul className="pledge-lines">
        {offers.map((offer) => (
          <li key={offer.id}>
            <QuantityStepper
              label={offer.product}
              unit={offer.unit}
              value={lines[offer.id] ?? 0}
              onChange={(quantity) => change(offer.id, quantity)}
            />
            <span className="muted number">
              {format.money((lines[offer.id] ?? 0) * offer.unitPriceMinor, target.currency)}
            </span>
            <DemandMeter demand={demand?.find((one) => one.offerId === offer.id)} unit={offer.unit} />
          </li>
        ))}
      </ul>
      <p className="total">
        {t('pledge.total')} <strong className="number">{format.money(total, target.currency)}</strong>
      </p>
      <StatusAnnouncer tone={status?.tone}>{status?.message}</StatusAnnouncer>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {entry?.state === 'failed' && (
          <button type="button" className="secondary" onClick={forget}>
            {t('pledge.forget')}
          </button>
        )}
      </div>
    </form>
  );
}
