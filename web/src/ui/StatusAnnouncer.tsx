import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export type StatusTone = 'done' | 'waiting' | 'error' | 'info';

const ICONS: Record<StatusTone, IconName> = {
  done: 'check',
  waiting: 'wait',
  error: 'warning',
  info: 'clock',
};

/**
 * A status line that screen readers announce when it changes ("Saved", "Waiting to send"):
 * always in the page (an aria-live region must exist before its text does), with an icon and
 * words so the state never rests on colour.
 */
export function StatusAnnouncer({ tone, children }: { tone?: StatusTone; children?: ReactNode }) {
  return (
    <div
      className={`status ${tone ? `status-${tone}` : ''}`}
      role="status"
      aria-live="polite"
      aria-atomic="true"
    >
      {children && tone && (
        <>
          <Icon name={ICONS[tone]} /> <span>{children}</span>
        </>
      )}
    </div>
  );
}
