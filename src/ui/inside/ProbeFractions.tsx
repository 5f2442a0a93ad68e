import { fractionKey, fractionProbeKey, LABEL_FRACTIONS, labelFractionPercent } from '../../core/config/evalKnobs';
import { LabelEfficiencyChart } from './LabelEfficiencyChart';
import { labelEfficiencyLines } from './labelEfficiency';
import { useStore } from '../../state/store';
import { selectLastRun } from '../../state/selectors';
import { formatPercent } from '../format';
import './inside.css';

/**
 * At the end of a run: the linear probe at 100%, 10% and 1% of the labels, side by side, with the
 * random-init probe and, when the run fine-tuned (finetuneSteps), both fine-tuning numbers; and
 * the label-efficiency chart of the same numbers.
 */
export function ProbeFractions() {
  const lastRun = useStore(selectLastRun);
  if (!lastRun || !LABEL_FRACTIONS.every((f) => Number.isFinite(lastRun.final[fractionProbeKey(f)]))) return null;
  const lines = labelEfficiencyLines(lastRun.final);
  const { config } = lastRun;
  const onOther = config.evalDataset !== 'same' && config.evalDataset !== config.dataset;
  return (
    <section className="card probe-fractions" data-testid="probe-fractions" aria-label="Evaluation by label fraction">
      <h3>{`Linear probe on the frozen ${config.probeOn}, by share of labels${onOther ? ` (pre-trained on ${config.dataset}, evaluated on ${config.evalDataset}: cross-domain)` : ''}`}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">protocol</th>
            {LABEL_FRACTIONS.map((f) => (
              <th key={f}>{labelFractionPercent(f)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">linear probe</th>
            {LABEL_FRACTIONS.map((f) => {
              const v = lastRun.final[fractionProbeKey(f)];
              return (
                <td key={f} data-testid={`probe-fraction-${f}`} data-value={v} className={f === lastRun.config.labelFraction ? 'probe-fractions__chosen' : undefined}>
                  {formatPercent(v)}
                </td>
              );
            })}
          </tr>
          {lines
            .filter((l) => l.key !== 'probeAccuracy')
            .map((l) => (
              <tr key={l.key} data-testid={`protocol-${l.key}`}>
                <th scope="row">{l.name.replace('SSL encoder, ', '')}</th>
                {LABEL_FRACTIONS.map((f) => (
                  <td key={f} data-value={lastRun.final[fractionKey(l.key, f)]}>
                    {formatPercent(lastRun.final[fractionKey(l.key, f)])}
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
      {config.finetuneSteps > 0 && <p className="chart__hint">{`Fine-tuned: encoder copy + linear head, ${config.finetuneSteps} steps at lr ${config.finetuneLr}, no augmentation.`}</p>}
      {lines.length > 1 && <LabelEfficiencyChart lines={lines} />}
    </section>
  );
}
