import { useEffect, useState, type ReactNode } from 'react';
import { useNarrow } from './useNarrow';

/**
 * A part of the controls as a native disclosure (<details>/<summary>: keyboard and screen readers
 * know it). On a phone it starts collapsed, so the run bar and the charts come first and the controls
 * are a short list of section names; on a wide screen it is open and its summary hidden (the card's
 * own heading names it). Crossing the breakpoint does what a fresh load at the new width does:
 * narrowing collapses every section (one opened after that stays open), widening opens them all.
 */
export function Section({ title, group, testId, children }: { title: string; group?: string; testId: string; children: ReactNode }) {
  const narrow = useNarrow();
  const [open, setOpen] = useState(!narrow);
  useEffect(() => {
    setOpen(!narrow);
  }, [narrow]);
  return (
    <details className="section" data-group={group} data-testid={testId} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="section__summary">{title}</summary>
      {children}
    </details>
  );
}
