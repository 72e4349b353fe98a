import { useQuery } from '@tanstack/react-query';
import { ApiError, api, data } from '../api/client';
import type { components } from '../api/schema';
import { isLocale, switchLocale } from './i18n';
import { queryClient } from './query-client';
import { navigate } from './router';

export type Me = components['schemas']['MeDto'];

/** The cache the service worker keeps the last answers of the API in (vite.config.ts). */
const API_CACHE = 'proxima-api';

async function fetchMe(): Promise<Me | null> {
  try {
    return await data(api.GET('/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Who is signed in (null: nobody), their organisation and seasons: `GET /me`. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in user, for pages that only render inside the signed-in layout. */
export function useSignedIn(): Me {
  const me = useMe().data;
  if (!me) throw new Error('useSignedIn outside the signed-in layout');
  return me;
}

/** After a sign-in: the user's language when one is remembered on the account. */
export async function afterSignIn(): Promise<Me | null> {
  // A `GET /me` the sign-in page started before the session existed may still be on its way
  // (a slow server): without this, fetchQuery would share its 401 and send the person back.
  await queryClient.cancelQueries({ queryKey: ['me'] });
  const me = await queryClient.fetchQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 0 });
  if (me && isLocale(me.user.locale)) await switchLocale(me.user.locale);
  return me;
}

/** Forgets everything this browser holds of the user: the queries and the service worker's copies. */
export async function forgetUser(): Promise<void> {
  queryClient.clear();
  if ('caches' in window) await caches.delete(API_CACHE);
}

/** Ends the session on the server, then here; the sign-in page next. */
export async function signOut(): Promise<void> {
  await data(api.POST('/auth/logout')).catch(() => undefined);
  await forgetUser();
  queryClient.setQueryData(['me'], null);
  navigate('/sign-in', { replace: true });
}
