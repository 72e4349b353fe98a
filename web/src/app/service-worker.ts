import { queryClient } from './query-client';

/** How long the page must have nothing to read before the service worker installs. */
const QUIET_MS = 1_000;
/** A page that never goes quiet (a poll) still gets it, later. */
const AT_THE_LATEST_MS = 30_000;

/**
 * Registers the service worker (vite-plugin-pwa's `sw.js`) once the first page has what it
 * shows. Installing it downloads every chunk and catalogue for later; on a slow phone line,
 * started at `load` as the plugin's own script does, that download competed with the page's
 * data and code. The page keeps the reads it made before (api/client.ts), so one visit is
 * still enough to open the app offline afterwards.
 */
export function registerServiceWorkerWhenIdle(): void {
  if (!('serviceWorker' in navigator)) return;
  let quiet: number | undefined;
  let stop = () => {};
  const register = () => {
    stop();
    window.clearTimeout(quiet);
    window.clearTimeout(latest);
    void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  };
  // Between one read and the next it starts (who is signed in, then their data) the count
  // touches zero for a moment: only a quiet spell counts.
  const watch = () => {
    window.clearTimeout(quiet);
    if (queryClient.isFetching() === 0) quiet = window.setTimeout(register, QUIET_MS);
  };
  const latest = window.setTimeout(register, AT_THE_LATEST_MS);
  window.addEventListener(
    'load',
    () => {
      stop = queryClient.getQueryCache().subscribe(watch);
      watch();
    },
    { once: true },
  );
}
