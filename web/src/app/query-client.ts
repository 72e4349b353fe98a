import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/**
 * Server state. `offlineFirst`: a read is tried even when the browser says it is offline, so
 * the service worker can answer it with the last copy it kept.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      networkMode: 'offlineFirst',
      staleTime: 30_000,
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
      refetchOnWindowFocus: true,
    },
    mutations: { networkMode: 'always', retry: false },
  },
});
