import { useSyncExternalStore } from 'react';
import { CSRF_HEADER } from '../api/client';
import { queryClient } from './query-client';

/**
 * The offline write queue: a write that could not reach the server (no connection) is kept
 * here, in this browser's localStorage (the write's data, never a credential), shown as
 * waiting, and sent when the connection returns. One write per `key` (what it changes): a
 * newer change of the same thing replaces the waiting one. A write the server refuses (a 409
 * or 422: the month locked meanwhile) stays, marked failed with the server's answer, so the
 * form that made it can show the input again and say why.
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
const RETRY_MS = 20_000;
const listeners = new Set<() => void>();
let snapshot: QueuedWrite[] = read();
let flushing: Promise<void> | null = null;

function read(): QueuedWrite[] {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored : [];
  } catch {
    return [];
  }
}

function write(next: QueuedWrite[]): void {
  snapshot = next;
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The queued writes of a user, re-rendering when the queue changes. */
export function useOutbox(userId: string | undefined): QueuedWrite[] {
  const all = useSyncExternalStore(subscribe, () => snapshot);
  return all.filter((entry) => entry.userId === userId);
}

export function queued(userId: string, key: string): QueuedWrite | undefined {
  return snapshot.find((entry) => entry.userId === userId && entry.key === key);
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
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return 'offline';
  }
  if (response.ok) {
    discard(entry.id);
    return 'sent';
  }
  if (response.status >= 500 || response.status === 429 || response.status === 401) return 'later';
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

/** Sends the user's waiting writes in the order they were made; stops at the first that cannot go. */
export function flush(userId: string): Promise<void> {
  flushing ??= (async () => {
    let sent = false;
    try {
      for (const entry of snapshot.filter((one) => one.userId === userId && one.state === 'waiting')) {
        const outcome = await send(entry);
        if (outcome === 'offline' || outcome === 'later') break;
        sent ||= outcome === 'sent';
      }
    } finally {
      flushing = null;
    }
    if (sent) await queryClient.invalidateQueries();
  })();
  return flushing;
}

/** Sends when the connection returns, at start, and now and then while writes wait. */
export function startOutbox(userId: string): () => void {
  const online = () => void flush(userId);
  window.addEventListener('online', online);
  const timer = window.setInterval(() => {
    if (snapshot.some((entry) => entry.userId === userId && entry.state === 'waiting')) void flush(userId);
  }, RETRY_MS);
  void flush(userId);
  return () => {
    window.removeEventListener('online', online);
    window.clearInterval(timer);
  };
}
