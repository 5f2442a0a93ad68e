import { useEffect } from 'react';
import { useStore } from '../../state/store';

const selectChanged = (s: ReturnType<typeof useStore.getState>) => s.settingsChanged;
/** How long the changed controls stay marked. */
const HIGHLIGHT_MS = 4000;

/**
 * After a View (or a Resume) replaced the settings: the changed controls are marked for a moment
 * (their sections opened), the first is scrolled into view, and the change is said in a live region.
 */
export function ChangeHighlight() {
  const changed = useStore(selectChanged);

  useEffect(() => {
    if (!changed || changed.testIds.length === 0) return;
    const marked = changed.testIds
      .map((id) => document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`))
      .filter((el): el is HTMLElement => el !== null)
      .map((el) => {
        for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
        const box = el.closest<HTMLElement>('.knob') ?? el.parentElement ?? el;
        box.dataset.changed = 'true';
        return box;
      });
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    marked[0]?.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    const timer = setTimeout(() => marked.forEach((el) => delete el.dataset.changed), HIGHLIGHT_MS);
    return () => {
      clearTimeout(timer);
      marked.forEach((el) => delete el.dataset.changed);
    };
  }, [changed]);

  return (
    <p className="visually-hidden" role="status" data-testid="settings-changed">
      {changed?.summary ?? ''}
    </p>
  );
}
