import type { ReactNode } from 'react';

/** A message with a Dismiss button (a failed save, a refused tick, a queue restored after a reload). */
export function Dismissable({ testId, className, alert = false, onDismiss, children }: { testId: string; className: string; alert?: boolean; onDismiss: () => void; children: ReactNode }) {
  return (
    <div className={className} role={alert ? 'alert' : 'status'} data-testid={testId}>
      <span>{children}</span>
      <button type="button" className="button button--quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
