import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, userTimeZone } from './format';
import { Icon } from './Icon';

/** Re-renders every minute, so the time left stays true on a screen left open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * Until when something can still be changed: the date in the reader's language and time zone,
 * the time left, and the consumer territory's time zone when it is not the reader's.
 */
export function DeadlineBadge({
  deadline,
  timeZone,
  label,
}: {
  deadline: string;
  timeZone?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const closed = new Date(deadline).getTime() <= now;
  const other = timeZone && timeZone !== userTimeZone() ? timeZone : undefined;
  return (
    <p className={`deadline ${closed ? 'deadline-closed' : ''}`}>
      <Icon name="clock" />{' '}
      <span>
        {t(closed ? 'deadline.closed' : 'deadline.closes', {
          what: label ?? t('deadline.changes'),
          date: format.dateTime(deadline),
          left: format.timeLeft(deadline, now),
        })}
      </span>
      {other && (
        <span className="deadline-zone">
          {' '}
          {t('deadline.there', {
            date: format.dateTime(deadline, other),
            zone: format.zoneName(other, deadline),
          })}
        </span>
      )}
    </p>
  );
}
