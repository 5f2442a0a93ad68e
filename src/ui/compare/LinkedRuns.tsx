import { useMemo } from 'react';
import { runLabels } from '../../core/compare/labels';
import { dismissLinkRuns, runAllFromLink } from '../../state/link/actions';
import { selectLinkRuns } from '../../state/link/selectors';
import { useStore } from '../../state/store';

/** The experiments a comparison link holds, with Run all. Nothing starts until it is pressed. */
export function LinkedRuns() {
  const runs = useStore(selectLinkRuns);
  const labels = useMemo(() => (runs ? runLabels(runs) : []), [runs]);
  if (!runs) return null;
  const steps = runs.reduce((n, r) => n + r.steps, 0);
  return (
    <section className="card linked-runs" aria-label="Experiments in this link" data-testid="linked-runs">
      <h2>This link holds {runs.length === 1 ? 'one experiment' : `${runs.length} experiments`}</h2>
      <ol>
        {labels.map((l, i) => (
          <li key={i} data-testid="linked-run">
            {l}
          </li>
        ))}
      </ol>
      <p className="linked-runs__hint">{steps} training steps in all. Run all queues them and runs them one after another; each finished run is saved and compared.</p>
      <div className="linked-runs__buttons">
        <button type="button" className="button button--primary" data-testid="run-all" disabled={runs.length === 0} onClick={runAllFromLink}>
          Run all
        </button>
        <button type="button" className="button button--quiet" data-testid="dismiss-linked-runs" onClick={dismissLinkRuns}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
