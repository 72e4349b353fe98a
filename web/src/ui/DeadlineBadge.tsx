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
 * What the deadline closes, each a whole sentence in the catalogue (`deadline.<kind>.open` and
 * `.closed`): a sentence put together from a label and "until" would not agree in every language.
 */
export type DeadlineKind = 'changes' | 'confirm' | 'receipt' | 'loading' | 'stage';

/**
 * Until when something can still be changed: the date in the reader's language and time zone,
 * the time left, and the consumer territory's time zone when it is not the reader's.
 */
export function DeadlineBadge({
  deadline,
  timeZone,
  kind = 'changes',
  day,
}: {
  deadline: string;
  /** the consumer territory's, named beside the reader's when it differs */
  timeZone?: string;
  kind?: DeadlineKind;
  /**
   * The day the deadline is the start of (a loading date, `2027-01-01`), shown as that day: the
   * midnight it starts at in the producer territory is the evening before further west.
   */
  day?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const closed = new Date(deadline).getTime() <= now;
  const other = timeZone && !day && timeZone !== userTimeZone() ? timeZone : undefined;
  return (
    <p className={`deadline ${closed ? 'deadline-closed' : ''}`}>
      <Icon name="clock" />{' '}
      <span>
        {t(`deadline.${kind}.${closed ? 'closed' : 'open'}`, {
          date: day ? format.date(day, 'full') : format.dateTime(deadline),
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
