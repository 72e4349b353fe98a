import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusAnnouncer } from '../ui/StatusAnnouncer';
import { startOutbox, useOutbox } from './outbox';
import { useSignedIn } from './session';

function subscribeOnline(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/** Under the menu: offline or not, and how many changes wait to be sent. */
export function OutboxStatus() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const online = useOnline();
  const waiting = useOutbox(me.user.id).filter((entry) => entry.state === 'waiting').length;
  useEffect(() => startOutbox(me.user.id), [me.user.id]);
  return (
    <div className="connection">
      <StatusAnnouncer tone={online ? (waiting ? 'waiting' : undefined) : 'waiting'}>
        {!online
          ? t('outbox.offline', { count: waiting })
          : waiting
            ? t('outbox.waiting', { count: waiting })
            : null}
      </StatusAnnouncer>
    </div>
  );
}
