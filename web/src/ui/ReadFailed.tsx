import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Link } from '../app/router';
import { ServerMessage } from './ServerMessage';
import { StatusAnnouncer } from './StatusAnnouncer';

/** A page the address does not lead to: an unknown path, or a record that is not (or no longer) the reader's. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1 tabIndex={-1}>{t('common.notFound')}</h1>
      <p>{t('common.notFoundHint')}</p>
      <p>
        <Link to="/">{t('common.home')}</Link>
      </p>
    </>
  );
}

/**
 * A query as TanStack Query holds it: its last answer, its last error, and whether its read is
 * waiting for the connection to return (`paused`).
 */
type Read = { data: unknown; error: unknown; fetchStatus?: string };

/**
 * The error of the first query a page cannot show anything without: one that has failed and
 * holds no earlier answer (a refetch that fails behind data already shown is not a failure).
 */
export function failedRead(...queries: Read[]): unknown {
  return queries.find((query) => query.data === undefined && query.error)?.error ?? null;
}

/** The API refused the address itself: 400 (a malformed id), 403 or 404 (not the reader's, or gone). */
export const addressRefused = (error: unknown): boolean =>
  error instanceof ApiError && [400, 403, 404].includes(error.status);

/**
 * What a page says when what it is about could not be read: the API refused the address
 * (400: a malformed id; 403 or 404: not the reader's, or gone) → the page does not exist;
 * another refusal (the loading list of a month not allocated yet) → the server's reason, in
 * the reader's language; no answer (no connection, the server down) → Proxima cannot be
 * reached, try again. `part`: a section under a page's own heading, whose refusal is said in a
 * line (the server's reason) rather than as a page that does not exist.
 */
export function ReadFailed({ error, part }: { error: unknown; part?: boolean }) {
  const { t } = useTranslation();
  if (addressRefused(error) && !part) return <NotFound />;
  if (error instanceof ApiError && error.status < 500)
    return (
      <StatusAnnouncer tone="error">
        <ServerMessage message={error.message} />
      </StatusAnnouncer>
    );
  return <StatusAnnouncer tone="error">{t('common.unreachable')}</StatusAnnouncer>;
}

/**
 * What stands where the answer of `queries` will be: "Loading…"; what failed (ReadFailed); or,
 * offline with nothing kept of it on this device, that it will load when the connection returns.
 */
export function Pending({ queries, part }: { queries: Read[]; part?: boolean }) {
  const { t } = useTranslation();
  const failed = failedRead(...queries);
  if (failed) return <ReadFailed error={failed} part={part} />;
  if (queries.some((query) => query.data === undefined && query.fetchStatus === 'paused'))
    return <StatusAnnouncer tone="waiting">{t('common.notKept')}</StatusAnnouncer>;
  return <p className="loading">{t('common.loading')}</p>;
}
