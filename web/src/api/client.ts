import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './paths';
import { fieldOfMessage } from './server-message';

/** Cookie-authenticated writes carry this header: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-proxima-csrf';

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (WRITE.has(request.method)) request.headers.set(CSRF_HEADER, '1');
    return request;
  },
};

/** The cache the service worker keeps the API's last answers in (web/vite.config.mts). */
export const API_CACHE = 'proxima-api';

/**
 * Before the service worker controls the page (the first visit: it installs while the page
 * loads), the page's reads do not pass through it, so it could not keep them, and the first
 * visit offline afterwards had nothing to show. The page keeps those itself, in the service
 * worker's cache under the same key (the URL), where it looks when offline; nothing more is
 * fetched for it. Whether a read passes through the service worker is settled when it is sent
 * (it may take control while the answer travels), so that is when it is noted.
 */
const notThroughServiceWorker = new Set<string>();
const API_READ = /^\/api\/v1\/(?!auth\/)/;

const keepForOffline: Middleware = {
  onRequest({ request, id }) {
    if (
      request.method === 'GET' &&
      'serviceWorker' in navigator &&
      !navigator.serviceWorker.controller &&
      'caches' in window &&
      API_READ.test(new URL(request.url).pathname)
    )
      notThroughServiceWorker.add(id);
    return request;
  },
  onResponse({ request, response, id }) {
    if (notThroughServiceWorker.delete(id) && response.ok) {
      const copy = response.clone();
      void caches
        .open(API_CACHE)
        .then((cache) => cache.put(request.url, copy))
        .catch(() => undefined);
    }
    return response;
  },
  onError({ id }) {
    notThroughServiceWorker.delete(id);
  },
};

/**
 * The one client of the API: typed from its OpenAPI document, the session in an httpOnly
 * cookie the browser sends by itself (no token in this code or in storage).
 */
export const api = createClient<paths>({ baseUrl: '/api/v1', credentials: 'same-origin' });
api.use(csrf, keepForOffline);

/** An answer of the API that is not a success: its status and its message, as the server said it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }

  /**
   * The field the server's message names first: "lines.0.quantity: 9 exceeds the demand of 7",
   * or class-validator's "email must be an email" (a phrase the app knows after the path).
   */
  get field(): string | undefined {
    return fieldOfMessage(this.message);
  }
}

/** The request never reached the server (offline, DNS, connection dropped). */
export class NetworkError extends Error {}

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return `HTTP ${status}`;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call, or an ApiError / NetworkError to throw at the query or the form. */
export async function data<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (answer.response.ok) return answer.data as T;
  throw new ApiError(answer.response.status, messageOf(answer.error, answer.response.status), answer.error);
}
