import { fractionProbeKey, LABEL_FRACTIONS, labelFractionPercent } from '../../core/config/evalKnobs';
import { useStore } from '../../state/store';
import { selectLastRun } from '../../state/selectors';
import { formatPercent } from '../format';
import './inside.css';

/** At the end of a run: the linear probe at 100%, 10% and 1% of the labels, side by side. */
export function ProbeFractions() {
  const lastRun = useStore(selectLastRun);
  if (!lastRun || !LABEL_FRACTIONS.every((f) => Number.isFinite(lastRun.final[fractionProbeKey(f)]))) return null;
  return (
    <section className="card probe-fractions" data-testid="probe-fractions" aria-label="Linear evaluation by label fraction">
      <h3>{`Linear probe on the frozen ${lastRun.config.probeOn}, by share of labels`}</h3>
      <table>
        <thead>
          <tr>
            {LABEL_FRACTIONS.map((f) => (
              <th key={f}>{labelFractionPercent(f)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {LABEL_FRACTIONS.map((f) => {
              const v = lastRun.final[fractionProbeKey(f)];
              return (
                <td key={f} data-testid={`probe-fraction-${f}`} data-value={v} className={f === lastRun.config.labelFraction ? 'probe-fractions__chosen' : undefined}>
                  {formatPercent(v)}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
