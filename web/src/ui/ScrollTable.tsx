import type { ReactNode } from 'react';

/**
 * A table that may scroll sideways on a phone: a named region that takes the focus, so a
 * keyboard can scroll it too (WCAG 2.1.1).
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
