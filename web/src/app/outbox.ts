import { useEffect, useRef, useSyncExternalStore } from 'react';
import { CSRF_HEADER } from '../api/client';
import { queryClient } from './query-client';

/**
 * The offline write queue: a write that could not reach the server (no connection) is kept
 * here, in this browser's localStorage (the write's data, never a credential), shown as
 * waiting, and sent when the connection returns. One write per `key` (what it changes): a
 * newer change of the same thing replaces the waiting one. A write the server refuses (a 409
 * or 422: the month locked meanwhile) stays, marked failed with the server's answer, so the
 * form that made it can show the input again and say why.
 *
 * How a form uses it: try the write; on a `NetworkError` (or `navigator.onLine` false) call
 * `enqueue({ userId, key, method, path, body })` and show "waiting" while `useOutbox(userId)`
 * holds an entry of that key in state `waiting`; the entry leaving the queue means it was sent;
 * state `failed` carries the server's `{ status, message }` (409: someone else changed it first;
 * 422: a rule of the cycle, e.g. the month locked) for the form to explain, with `body` still
 * there to show the input again; `discard(id)` when the person gives up or writes again.
 * `startOutbox(userId)` (the signed-in layout calls it) sends: at once, when the connection
 * returns, when the app comes back to the foreground, and every RETRY_MS while writes wait.
 */
export interface QueuedWrite {
  id: string;
  /** Whose write: only that user's session sends it. */
  userId: string;
  key: string;
  method: 'PUT' | 'POST' | 'PATCH';
  /** Under /api/v1, parameters filled in. */
  path: string;
  body: unknown;
  queuedAt: string;
  state: 'waiting' | 'failed';
  error?: { status: number; message: string };
}

const STORAGE_KEY = 'proxima.outbox';
const RETRY_MS = 15_000;
const SEND_TIMEOUT_MS = 15_000;
const listeners = new Set<() => void>();
let snapshot: QueuedWrite[] = read();

function read(): QueuedWrite[] {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored : [];
  } catch {
    return [];
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

function write(next: QueuedWrite[]): void {
  snapshot = next;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  notify();
}

// Another tab of the app changed the queue: read it again, or this tab would write back its
// older copy and lose (or send twice) what the other one queued.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  snapshot = read();
  notify();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The queued writes of a user, re-rendering when the queue changes. */
export function useOutbox(userId: string | undefined): QueuedWrite[] {
  const all = useSyncExternalStore(subscribe, () => snapshot);
  return all.filter((entry) => entry.userId === userId);
}

/**
 * A form's write in the queue: the entry of `key` (waiting, or refused), and `onSent` called
 * when a write of it that waited leaves the queue without a refusal (the form then says it was
 * saved, as for a save online). `replace()` drops the entry when the person writes again: its
 * leaving is then not "sent".
 */
export function useQueuedWrite(
  userId: string,
  key: string,
  onSent: () => void,
): { entry: QueuedWrite | undefined; replace: () => void } {
  const entry = useOutbox(userId).find((one) => one.key === key);
  const waited = useRef(entry?.state === 'waiting');
  const sent = useRef(onSent);
  sent.current = onSent;
  useEffect(() => {
    if (entry?.state === 'waiting') waited.current = true;
    else if (entry?.state === 'failed') waited.current = false;
    else if (!entry && waited.current) {
      waited.current = false;
      sent.current();
    }
  }, [entry]);
  const replace = () => {
    waited.current = false;
    if (entry) discard(entry.id);
  };
  return { entry, replace };
}

export function enqueue(entry: Omit<QueuedWrite, 'id' | 'queuedAt' | 'state'>): QueuedWrite {
  const added: QueuedWrite = {
    ...entry,
    id: crypto.randomUUID(),
    queuedAt: new Date().toISOString(),
    state: 'waiting',
  };
  write([...snapshot.filter((other) => !(other.userId === entry.userId && other.key === entry.key)), added]);
  return added;
}

export function discard(id: string): void {
  write(snapshot.filter((entry) => entry.id !== id));
}

const waitingOf = (userId: string) =>
  snapshot.filter((entry) => entry.userId === userId && entry.state === 'waiting');

type Outcome = 'sent' | 'offline' | 'refused' | 'later';

async function send(entry: QueuedWrite): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${entry.path}`, {
      method: entry.method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify(entry.body),
      // A request sent as the connection drops may never settle; without a limit it would
      // hold the queue (one flush at a time) until the page is reloaded.
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch {
    return 'offline';
  }
  if (response.ok) {
    discard(entry.id);
    return 'sent';
  }
  if (response.status >= 500 || response.status === 429 || response.status === 401) return 'later';
  // Any other 4xx is the server's final word on this write (409 someone changed it first, 422 a
  // rule of the cycle, 400 a field): sending it again would get the same answer.
  const body = await response.json().catch(() => ({}));
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : String(body.message ?? response.statusText);
  write(
    snapshot.map((other) =>
      other.id === entry.id
        ? { ...other, state: 'failed', error: { status: response.status, message } }
        : other,
    ),
  );
  return 'refused';
}

/** One pass over the user's waiting writes, oldest first; stops at the first that cannot go. */
async function sendWaiting(userId: string): Promise<boolean> {
  let sent = false;
  for (const entry of waitingOf(userId)) {
    // Discarded or replaced (a newer change of the same thing) since the pass began.
    if (!snapshot.some((one) => one.id === entry.id && one.state === 'waiting')) continue;
    const outcome = await send(entry);
    if (outcome === 'offline' || outcome === 'later') break;
    sent ||= outcome === 'sent';
  }
  return sent;
}

/**
 * One flush at a time per user. A flush asked for while one runs (the connection came back
 * while a send was failing) is not dropped: the running one makes another pass when it ends.
 */
const running = new Map<string, { done: Promise<void>; again: boolean }>();

/** Sends the user's waiting writes in the order they were made; stops at the first that cannot go. */
export function flush(userId: string): Promise<void> {
  const current = running.get(userId);
  if (current) {
    current.again = true;
    return current.done;
  }
  // In the map before the first line runs, so that even a pass that ends without waiting on
  // anything leaves the map as it found it (a flush once stayed "running" for ever that way).
  const run = { again: false, done: Promise.resolve() };
  running.set(userId, run);
  run.done = (async () => {
    let sent = false;
    try {
      do {
        run.again = false;
        sent = (await sendWaiting(userId)) || sent;
      } while (run.again);
    } finally {
      running.delete(userId);
    }
    if (sent) await queryClient.invalidateQueries();
  })();
  return run.done;
}

/**
 * Sends the user's waiting writes now, when the connection returns, when the app comes back to
 * the foreground (a phone wakes it), and every RETRY_MS while some wait (`online` is not always
 * told: a captive portal, a flaky network). Returns the function that stops it.
 */
export function startOutbox(userId: string): () => void {
  const now = () => void flush(userId);
  const visible = () => {
    if (document.visibilityState === 'visible') now();
  };
  window.addEventListener('online', now);
  document.addEventListener('visibilitychange', visible);
  const timer = window.setInterval(() => {
    if (waitingOf(userId).length > 0) now();
  }, RETRY_MS);
  now();
  return () => {
    window.removeEventListener('online', now);
    document.removeEventListener('visibilitychange', visible);
    window.clearInterval(timer);
  };
}
