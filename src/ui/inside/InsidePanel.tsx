import { useStore } from '../../state/store';
import { AlignmentChart } from './AlignmentChart';
import { EmbeddingMap } from './EmbeddingMap';
import { NeighbourGrid } from './NeighbourGrid';
import { SpectrumChart } from './SpectrumChart';
import './inside.css';

/** "See inside": what the representation looks like, beyond numbers over time. Shown once a run has readings. */
export function InsidePanel() {
  const hasReadings = useStore((s) => s.inside !== null && s.history.length > 0);
  if (!hasReadings) return null;
  return (
    <section className="card inside-panel" data-testid="inside-panel" aria-label="See inside">
      <h2>See inside</h2>
      <div className="charts">
        <AlignmentChart />
        <SpectrumChart />
        <EmbeddingMap />
        <NeighbourGrid />
      </div>
    </section>
  );
}
