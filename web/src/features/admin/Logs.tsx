import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { Field } from '../../ui/Field';
import { useFormat } from '../../ui/format';
import { Icon } from '../../ui/Icon';
import { Pager } from '../../ui/Pager';
import { commonExplanation } from '../account/useForm';

interface Search {
  from?: string;
  to?: string;
  kind?: string;
}

/** The entries a log shows at once; the pager goes through the rest. */
const PAGE = 100;

/** A search and the page of its results shown; a new search starts at its first page. */
function useSearch() {
  const [search, setSearch] = useState<Search>({});
  const [offset, setOffset] = useState(0);
  const onSearch = (next: Search) => {
    setSearch(next);
    setOffset(0);
  };
  return { search, offset, onSearch, setOffset };
}

/** A day typed in a date field as the instants of its start and of the next day's, here. */
function dayRange(from: string, to: string): { from?: string; to?: string } {
  const start = from ? new Date(`${from}T00:00`) : undefined;
  const end = to ? new Date(`${to}T00:00`) : undefined;
  end?.setDate(end.getDate() + 1);
  return { from: start?.toISOString(), to: end?.toISOString() };
}

function SearchForm({ kindLabel, onSearch }: { kindLabel: string; onSearch: (search: Search) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ ...dayRange(from, to), kind: kind.trim() || undefined });
  };
  return (
    <form onSubmit={submit} className="search" role="search">
      <Field label={t('admin.fromDay')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      <Field label={t('admin.toDay')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      <Field label={kindLabel} value={kind} onChange={(e) => setKind(e.target.value)} />
      <button type="submit" className="secondary">
        {t('admin.search')}
      </button>
    </form>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const { search, offset, onSearch, setOffset } = useSearch();
  const page = useQuery({
    queryKey: ['audit-log', search, offset],
    queryFn: () =>
      data(
        api.GET('/audit-log', {
          params: {
            query: { from: search.from, to: search.to, action: search.kind, limit: PAGE, offset },
          },
        }),
      ),
  });
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('admin.auditLog')}</h2>
      <SearchForm kindLabel={t('admin.action')} onSearch={onSearch} />
      {page.error && <p className="error">{commonExplanation(page.error, t)}</p>}
      <p role="status">{page.data && t('admin.found', { count: page.data.total })}</p>
      <ul className="log">
        {page.data?.items.map((entry) => (
          <li key={entry.id}>
            <strong>{entry.action}</strong> · {format.dateTime(entry.createdAt)} ·{' '}
            {entry.actorEmail ?? t('admin.system')}
            <br />
            <span className="muted">
              {entry.subjectType} {entry.subjectId} {JSON.stringify(entry.details)}
            </span>
          </li>
        ))}
      </ul>
      {page.data && <Pager offset={offset} limit={PAGE} total={page.data.total} onOffset={setOffset} />}
    </section>
  );
}

function NotificationsLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const { search, offset, onSearch, setOffset } = useSearch();
  const page = useQuery({
    queryKey: ['notifications-log', search, offset],
    queryFn: () =>
      data(
        api.GET('/notifications', {
          params: {
            query: { from: search.from, to: search.to, kind: search.kind, limit: PAGE, offset },
          },
        }),
      ),
  });
  return (
    <section aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('admin.notificationsLog')}</h2>
      <SearchForm kindLabel={t('admin.kind')} onSearch={onSearch} />
      {page.error && <p className="error">{commonExplanation(page.error, t)}</p>}
      <p role="status">{page.data && t('admin.found', { count: page.data.total })}</p>
      <ul className="log">
        {page.data?.items.map((n) => (
          <li key={n.id}>
            <strong>{n.kind}</strong> · {n.channel} → {n.target} ·{' '}
            <Icon name={n.status === 'sent' ? 'check' : n.status === 'failed' ? 'warning' : 'wait'} />{' '}
            {t(`delivery.${n.status}`)}
            <br />
            <span className="muted">
              {n.subject} · {format.dateTime(n.createdAt)}
            </span>
            {n.attempts.length > 0 && (
              <ol className="attempts">
                {n.attempts.map((a, index) => (
                  <li key={index}>
                    {format.dateTime(a.attemptedAt)} · {t(`delivery.${a.outcome}`)}
                    {a.detail && ` · ${a.detail}`}
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
      {page.data && <Pager offset={offset} limit={PAGE} total={page.data.total} onOffset={setOffset} />}
    </section>
  );
}

/** The audit log (charter changes, waivers, manual stage runs) and the notifications sent. */
export default function Logs() {
  const { t } = useTranslation();
  return (
    <>
      <h1 tabIndex={-1}>{t('admin.logsTitle')}</h1>
      <AuditLog />
      <NotificationsLog />
    </>
  );
}
