import { Explainer } from './Explainer';
import { ModelGraph } from './ModelGraph';
import './inside.css';

/** How the chosen method works: its model graph (with Step and Slow motion) and its explainer. Shown before, during and after a run. */
export function HowItWorks() {
  return (
    <section className="card inside-panel" data-testid="how-it-works" aria-label="How it works">
      <h2>How it works</h2>
      <div className="charts">
        <ModelGraph />
        <Explainer />
      </div>
    </section>
  );
}
