import { useMemo } from 'react';
import { useStore } from '../../state/store';
import { selectHistory } from '../../state/selectors';
import { formatPercent } from '../format';
import { factorProbeTable } from './factorProbes';

/**
 * Shapes' factor probes side by side: one linear probe per generative factor on the frozen encoder.
 * A factor near chance after training is one the augmentations taught the encoder to ignore
 * (colour jitter erases colour, crops erase position). Shown only when the run measured them.
 */
export function FactorProbes() {
  const history = useStore(selectHistory);
  const table = useMemo(() => factorProbeTable(history), [history]);
  if (table.rows.length === 0) return null;
  return (
    <section className="card factor-probes" data-testid="factor-probes" aria-label="Factor probes">
      <h2>Factor probes</h2>
      <p className="factor-probes__hint">
        A linear probe per factor of the Shapes world. Near chance: the encoder has learned to ignore that factor; its augmentations make it
        a nuisance. {table.step !== null && table.step > 0 ? `Latest reading at step ${table.step}.` : 'Trained values appear at the next probe.'}
      </p>
      <table className="factor-probes__table">
        <thead>
          <tr>
            <th scope="col">factor</th>
            <th scope="col">chance</th>
            <th scope="col">random init</th>
            <th scope="col">trained</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.factor} data-testid={`factor-probe-${r.factor}`}>
              <th scope="row">{r.label}</th>
              <td>{formatPercent(r.chance)}</td>
              <td>{formatPercent(r.initial)}</td>
              <td>{formatPercent(r.latest)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
