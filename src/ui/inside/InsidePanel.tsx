import { useEffect, useState } from 'react';
import { useStore } from '../../state/store';
import { AlignmentChart } from './AlignmentChart';
import { EmbeddingMap } from './EmbeddingMap';
import { NeighbourGrid } from './NeighbourGrid';
import { SpectrumChart } from './SpectrumChart';
import './inside.css';

const PARTS = [AlignmentChart, SpectrumChart, EmbeddingMap, NeighbourGrid];

/**
 * How many of `total` parts are shown: one more per animation frame until all are. Mounting a
 * chart, a map and 72 image canvases in one task blocks the page for longer than 50 ms; one per
 * frame keeps each task short.
 */
function useRevealedCount(total: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => setShown(shown + 1));
    return () => cancelAnimationFrame(frame);
  }, [shown, total]);
  return Math.min(shown, total);
}

/** "See inside": what the representation looks like, beyond numbers over time. Shown once a run has readings. */
export function InsidePanel() {
  const hasReadings = useStore((s) => s.inside !== null && s.history.length > 0);
  if (!hasReadings) return null;
  return <InsideParts />;
}

function InsideParts() {
  const shown = useRevealedCount(PARTS.length);
  return (
    <section className="card inside-panel" data-testid="inside-panel" aria-label="See inside">
      <h2>See inside</h2>
      <div className="charts">
        {PARTS.slice(0, shown).map((Part) => (
          <Part key={Part.name} />
        ))}
      </div>
    </section>
  );
}
