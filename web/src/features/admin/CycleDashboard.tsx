import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { isolate, useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pending } from '../../ui/ReadFailed';
import { ScrollTable } from '../../ui/ScrollTable';
import { Money } from '../../ui/Money';
import { withNodes } from '../../ui/ServerMessage';
import { StatusAnnouncer } from '../../ui/StatusAnnouncer';
import { commonExplanation } from '../account/useForm';
import {
  CYCLE_STAGES,
  reached,
  useCycle,
  useDemand,
  useOffers,
  type Cycle,
  type Schemas,
} from '../cycle/queries';
import { ShipmentCard } from '../transporter/CycleShipments';
import { ViolationSentence } from './ViolationSentence';

type Violation = Schemas['ViolationDto'];

/** The seven stages as an ordered list: done, current, to come, each with its words. */
function Timeline({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const current = CYCLE_STAGES.indexOf(cycle.status);
  const dates: Partial<Record<string, string>> = {
    locked: format.dateTime(cycle.locksAt, cycle.timeZone),
    confirming: format.dateTime(cycle.locksAt, cycle.timeZone),
    allocated: format.dateTime(cycle.confirmBy, cycle.timeZone),
    dispatched: format.date(cycle.loadingDate),
  };
  return (
    <ol className="timeline" aria-label={t('admin.timeline')}>
      {CYCLE_STAGES.map((stage, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'next';
        return (
          <li
            key={stage}
            className={`stage stage-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <Icon name={state === 'done' ? 'check' : state === 'current' ? 'clock' : 'calendar'} />{' '}
            <span>{t(`stages.${stage}`)}</span> <span className="muted">({t(`stageState.${state}`)})</span>
            {dates[stage] && <span className="stage-date">{dates[stage]}</span>}
          </li>
        );
      })}
    </ol>
  );
}

function WaiveForm({ cycleId, violation }: { cycleId: string; violation: Violation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ReactNode>(null);
  const id = `reason-${violation.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError(t('admin.reasonRequired'));
    try {
      await data(
        api.POST('/cycles/{id}/violations/{violationId}/waive', {
          params: { path: { id: cycleId, violationId: violation.id } },
          body: { reason },
        }),
      );
      setError(null);
      await client.invalidateQueries({ queryKey: ['cycle', cycleId] });
    } catch (caught) {
      setError(commonExplanation(caught, t));
    }
  };
  return (
    <form onSubmit={submit} noValidate className="waive">
      <div className="field">
        <label htmlFor={id}>{t('admin.waiveReason')}</label>
        <input
          id={id}
          value={reason}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {error && (
          <p className="error" id={`${id}-error`}>
            <Icon name="warning" /> {error}
          </p>
        )}
      </div>
      <button type="submit" className="secondary">
        {t('admin.waive')}
      </button>
    </form>
  );
}

function Violations({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  if (cycle.violations.length === 0) return <p>{t('admin.noViolations')}</p>;
  return (
    <ul className="cards">
      {cycle.violations.map((violation) => (
        <li key={violation.id} className="card">
          <h3>
            <Icon name={violation.waived ? 'check' : 'warning'} />{' '}
            {t(`rules.${violation.rule}`, { defaultValue: violation.rule })}{' '}
            <span className="muted">
              {withNodes(
                (marks) =>
                  t('admin.ruleAndSeverity', { ...marks, severity: t(`severity.${violation.severity}`) }),
                { rule: <bdi>{violation.rule}</bdi> },
              )}
            </span>
          </h3>
          <ViolationSentence violation={violation} />
          <p className="muted" dir="auto">
            {/* The id as the API gives it, left to right inside an Arabic sentence. */}
            {withNodes(
              (marks) =>
                t('admin.subject', {
                  ...marks,
                  type: t(`admin.subjectTypes.${violation.subjectType}`, {
                    defaultValue: violation.subjectType,
                  }),
                }),
              { id: <bdi dir="ltr">{violation.subject}</bdi> },
            )}
          </p>
          {violation.waived ? (
            <p>
              <Icon name="check" /> {t('admin.waived', { reason: violation.waiveReason ?? '' })}
            </p>
          ) : (
            violation.severity === 'blocking' && <WaiveForm cycleId={cycle.id} violation={violation} />
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * A failure in the database's own words, with its SQLSTATE when it has one: English, and left to
 * right inside any sentence.
 */
const inEnglish = ({ message, code }: { message: string; code?: string }) => (
  <bdi lang="en" dir="ltr">
    {code ? `${message} (${code})` : message}
  </bdi>
);

/**
 * What holds the cycle or its messages up: a stage that failed for a reason retries cannot cure
 * (the cycle's lastError), and its messages to people not written long after their stage
 * (GET /health's lateEvents). Nothing when all is well.
 */
function Problems({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => data(api.GET('/health')),
    refetchInterval: 30_000,
  });
  const late = (health.data?.lateEvents ?? []).filter((event) => event.cycleId === cycle.id);
  const failure = cycle.lastError;
  if (!failure && late.length === 0) return null;
  const failedStage =
    failure && CYCLE_STAGES[CYCLE_STAGES.indexOf(failure.fromStatus as Cycle['status']) + 1];
  return (
    <section aria-labelledby="problems-title">
      <h2 id="problems-title">
        <Icon name="warning" /> {t('admin.problems')}
      </h2>
      {failure && (
        <p className="status status-error">
          <span>
            {withNodes(
              (marks) =>
                t('admin.stageFailed', {
                  ...marks,
                  stage: t(`stages.${failedStage ?? failure.fromStatus}`),
                  date: format.dateTime(failure.at, cycle.timeZone),
                }),
              { reason: inEnglish(failure) },
            )}
          </span>
        </p>
      )}
      {late.map((event) => (
        <p key={event.kind} className="status status-error">
          <span>
            {withNodes(
              (marks) =>
                t('admin.messagesLate', {
                  ...marks,
                  date: format.dateTime(event.recordedAt, cycle.timeZone),
                }),
              {
                kind: <bdi dir="ltr">{event.kind}</bdi>,
                reason: event.lastError ? inEnglish(event.lastError) : t('admin.noAttempt'),
              },
            )}
          </span>
        </p>
      ))}
    </section>
  );
}

/** "Run the next stage now", behind a confirmation dialog that says which stage. */
function RunNextStage({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState<{ tone: 'done' | 'error'; text: ReactNode } | null>(null);
  // The stage runs on the worker after the 202: the cycle is read again until it has moved, or
  // until it shows a failure other than the one it had when the stage was run.
  const [ran, setRan] = useState<{ from: string; failureAt?: string } | null>(null);
  useEffect(() => {
    if (!ran) return;
    if (cycle.status !== ran.from) {
      setRan(null);
      setStatus({ tone: 'done', text: t('admin.cycleStatus', { status: t(`status.${cycle.status}`) }) });
      void client.invalidateQueries({ queryKey: ['season-cycles'] });
      return;
    }
    if (cycle.lastError && cycle.lastError.at !== ran.failureAt) {
      setRan(null);
      setStatus({ tone: 'error', text: t('admin.stageFailedAgain') });
      return;
    }
    const timer = window.setTimeout(
      () => void client.invalidateQueries({ queryKey: ['cycle', cycle.id] }),
      1000,
    );
    return () => window.clearTimeout(timer);
  }, [ran, cycle, client, t]);
  const next = CYCLE_STAGES[CYCLE_STAGES.indexOf(cycle.status) + 1];
  if (!next) return null;
  const run = async () => {
    dialog.current?.close();
    try {
      await data(api.POST('/cycles/{id}/advance', { params: { path: { id: cycle.id } } }));
      setStatus({ tone: 'done', text: t('admin.stageQueued', { stage: t(`stages.${next}`) }) });
      setRan({ from: cycle.status, failureAt: cycle.lastError?.at });
    } catch (error) {
      setStatus({ tone: 'error', text: commonExplanation(error, t) });
    }
  };
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        <Icon name="clock" /> {t('admin.runNext', { stage: t(`stages.${next}`) })}
      </button>
      <dialog ref={dialog} aria-labelledby="run-next-title">
        <h2 id="run-next-title">{t('admin.runNextTitle', { stage: t(`stages.${next}`) })}</h2>
        <p>{t('admin.runNextWarning')}</p>
        <p className="actions">
          <button type="button" onClick={() => void run()}>
            {t('admin.runNextConfirm')}
          </button>
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            {t('admin.cancel')}
          </button>
        </p>
      </dialog>
      <StatusAnnouncer tone={status?.tone}>{status?.text}</StatusAnnouncer>
    </>
  );
}

/**
 * Each offer of the cycle: what the groups pledged, the cooperative confirmed, the groups got.
 * A confirmation is never above the demand, so a confirmed figure above it is a silent
 * cooperative's delivery pledge, which the note explains.
 */
function Allocations({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const format = useFormat();
  const offers = useOffers(cycle.seasonId);
  const demand = useDemand(cycle.id);
  if (!demand.data || !offers.data) return <Pending queries={[demand, offers]} part />;
  const figure = (value: number | null) => (value === null ? '—' : format.number(value));
  const heldToPledge = (line: { quantity: number; confirmed: number | null }) =>
    line.confirmed !== null && line.confirmed > line.quantity;
  return (
    <>
      <ScrollTable label={t('admin.allocations')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cooperative.product')}</th>
              <th scope="col" className="figure">
                {t('admin.pledged')}
              </th>
              <th scope="col" className="figure">
                {t('admin.confirmed')}
              </th>
              <th scope="col" className="figure">
                {t('admin.allocated')}
              </th>
            </tr>
          </thead>
          <tbody>
            {demand.data.map((line) => (
              <tr key={line.offerId}>
                <th scope="row">
                  {offers.data.get(line.offerId)?.product.name} ·{' '}
                  {offers.data.get(line.offerId)?.cooperative.name}
                </th>
                <td className="figure">{format.number(line.quantity)}</td>
                <td className="figure" aria-describedby={heldToPledge(line) ? 'held-to-pledge' : undefined}>
                  {figure(line.confirmed)}
                  {heldToPledge(line) && (
                    <span className="note-mark" aria-hidden="true">
                      *
                    </span>
                  )}
                </td>
                <td className="figure">{figure(line.allocated)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {demand.data.some(heldToPledge) && (
        <p id="held-to-pledge" className="hint">
          * {t('admin.heldToPledge')}
        </p>
      )}
    </>
  );
}

function LoadingTotals({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery({
    queryKey: ['loading-list', cycleId],
    queryFn: () => data(api.GET('/cycles/{id}/loading-list', { params: { path: { id: cycleId } } })),
  });
  if (!list.data) return <Pending queries={[list]} part />;
  return (
    <p>
      {t('admin.loadingTotals', {
        date: format.date(list.data.loadingDate),
        place: isolate(list.data.pickupPoint.name),
        packages: format.number(list.data.totals.packages),
        kg: format.kg(list.data.totals.grossKg),
        lines: list.data.lines.length,
      })}
    </p>
  );
}

function Shipments({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['shipments', cycleId],
    queryFn: () => data(api.GET('/cycles/{id}/shipments', { params: { path: { id: cycleId } } })),
  });
  if (!list.data) return <Pending queries={[list]} part />;
  return (
    <>
      {list.data.items.map((shipment, index) => (
        <ShipmentCard key={shipment.id} shipment={shipment} index={index} />
      ))}
      {list.data.unplaced.length > 0 && (
        <p className="status status-error">
          <Icon name="warning" /> {t('admin.unplaced', { count: list.data.unplaced.length })}
        </p>
      )}
    </>
  );
}

function Statements({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const statements = useQuery({
    queryKey: ['statements', cycleId],
    queryFn: () => data(api.GET('/cycles/{id}/statements', { params: { path: { id: cycleId } } })),
  });
  if (!statements.data) return <Pending queries={[statements]} part />;
  const { totals } = statements.data;
  return (
    <dl className="facts">
      <dt>{t('admin.membersPay')}</dt>
      <dd className="big">
        <Money minor={totals.totalMinor} currency={totals.currency} />
      </dd>
      <dt>{t('admin.transportShare')}</dt>
      <dd>
        <Money minor={totals.transportMinor} currency={totals.currency} />
      </dd>
      <dt>{t('admin.cooperativesDue')}</dt>
      <dd>
        <Money minor={totals.dueMinor} currency={totals.currency} /> ·{' '}
        <Money minor={totals.dueProducerMinor} currency={totals.producerCurrency} />
      </dd>
    </dl>
  );
}

/** One cycle: its stages and dates, violations to waive, the next stage, and what it produced. */
export default function CycleDashboard({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cycle = useCycle(cycleId);
  if (!cycle.data) return <Pending queries={[cycle]} />;
  const c = cycle.data;
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.cycleTitle', { month: format.month(c.month) })}</h1>
      <p>
        {t('admin.cycleStatus', { status: t(`status.${c.status}`) })}
        {c.charterVersion !== null && ` · ${t('admin.charterVersion', { version: c.charterVersion })}`}
      </p>
      <Timeline cycle={c} />
      <Problems cycle={c} />
      <RunNextStage cycle={c} />
      <h2>{t('admin.violations')}</h2>
      <Violations cycle={c} />
      {reached(c.status, 'allocated') && (
        <>
          <h2>{t('admin.allocations')}</h2>
          <Allocations cycle={c} />
          <h2>{t('admin.loadingList')}</h2>
          <LoadingTotals cycleId={c.id} />
        </>
      )}
      {reached(c.status, 'dispatched') && (
        <>
          <h2>{t('admin.shipments')}</h2>
          <Shipments cycleId={c.id} />
        </>
      )}
      {c.status === 'settled' && (
        <>
          <h2>{t('admin.statements')}</h2>
          <Statements cycleId={c.id} />
        </>
      )}
    </>
  );
}
