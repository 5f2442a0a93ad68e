import { useMemo } from 'react';
import { clearComparison, dismissCompareProblem, removeFromComparison, setSmoothing } from '../../state/compare/actions';
import { selectCompare, selectComparedRuns } from '../../state/compare/selectors';
import { useStore } from '../../state/store';
import { formatPercent } from '../format';
import { Dismissable } from '../notices/Dismissable';
import { CompareChart } from './CompareChart';
import { CompareTable } from './CompareTable';
import { ShareComparison } from './ShareComparison';
import { SweepSummaryChart } from './SweepSummaryChart';
import { compareMetricInfo, REFERENCE_PROBES } from './metricLabels';
import { sharedMetrics, sharedReferences } from './overlayData';

const UNIT: [number, number] = [0, 1];
const FROM_ZERO: [number, 'auto'] = [0, 'auto'];
const percentTick = (v: number) => `${Math.round(v * 100)}%`;
/** Charted by the main overlay charts, drawn as reference lines on the probe chart, or not a chart at all. */
const MAIN = new Set(['step', 'loss', 'l2NormalizedStd', 'rankMe', 'probeAccuracy', 'knnAccuracy', ...REFERENCE_PROBES.map((r) => r.key)]);

/**
 * The ticked runs side by side: every shared chart overlays them (one colour per run), then the
 * results table. Reads the store through selectors; the worker knows nothing of it.
 */
export function CompareView() {
  const runs = useStore(selectComparedRuns);
  const { smoothing, problem } = useStore(selectCompare);
  const xMax = useMemo(() => runs.reduce((m, r) => Math.max(m, r.config.steps, r.history.at(-1)?.step ?? 0), 1), [runs]);
  const configs = useMemo(() => runs.map((r) => r.config), [runs]);
  const extras = useMemo(() => sharedMetrics(runs.map((r) => r.history), MAIN), [runs]);
  const probeReferences = useMemo(() => sharedReferences(runs.map((r) => r.history), REFERENCE_PROBES), [runs]);
  if (runs.length === 0 && !problem) return null;
  return (
    <section className="card compare" aria-label="Comparison" data-testid="compare-view" data-runs={runs.length}>
      <div className="compare__head">
        <h2>Comparison</h2>
        <label className="compare__smoothing">
          Smoothing{' '}
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} data-testid="smoothing" onChange={(e) => setSmoothing(Number(e.currentTarget.value))} />{' '}
          <output>{smoothing.toFixed(2)}</output>
        </label>
        <button type="button" className="button button--quiet" data-testid="clear-comparison" onClick={clearComparison}>
          Clear
        </button>
      </div>
      {problem && (
        <Dismissable className="saved-runs__problem" alert testId="compare-problem" onDismiss={dismissCompareProblem}>
          {problem}
        </Dismissable>
      )}
      <ul className="compare__legend" data-testid="compare-legend">
        {runs.map((r) => (
          <li key={r.id} data-testid="compare-legend-item">
            <span className="compare-swatch" style={{ background: r.color }} />
            <span>{r.label}</span>
            <button type="button" className="button button--quiet" aria-label={`Remove ${r.label} from the comparison`} onClick={() => removeFromComparison(r.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <ShareComparison configs={configs} what={`these ${runs.length} experiments`} />
      {runs.length > 0 && (
        <div className="charts">
          <SweepSummaryChart runs={runs} />
          <CompareChart testId="compare-chart-loss" title="Loss" hint="Each method's own objective; smoothed with a de-biased EMA, the raw curve faint underneath." metric="loss" runs={runs} xMax={xMax} smoothing={smoothing} />
          <CompareChart testId="compare-chart-std" title="Std of l2-normalised embeddings" hint="Near 1/√d: spread over the sphere; towards 0: collapse." metric="l2NormalizedStd" runs={runs} xMax={xMax} yDomain={FROM_ZERO} />
          <CompareChart testId="compare-chart-rankme" title="RankMe (effective rank)" hint="How many directions the embeddings use. Low: dimensional collapse." metric="rankMe" runs={runs} xMax={xMax} yDomain={FROM_ZERO} />
          <CompareChart testId="compare-chart-probe" title="Linear probe accuracy" hint="Frozen encoder, held-out labelled images." metric="probeAccuracy" runs={runs} xMax={xMax} yDomain={UNIT} yFormat={percentTick} valueFormat={formatPercent} references={probeReferences} />
          <CompareChart testId="compare-chart-knn" title="kNN accuracy (k = 20)" hint="Cosine kNN on the same frozen features." metric="knnAccuracy" runs={runs} xMax={xMax} yDomain={UNIT} yFormat={percentTick} valueFormat={formatPercent} />
          {extras.map((name) => {
            const info = compareMetricInfo(runs[0].config.method, name);
            const percent = info.scale === 'percent';
            return (
              <CompareChart
                key={name}
                testId={`compare-chart-extra-${name}`}
                title={info.label}
                hint={info.hint}
                metric={name}
                runs={runs}
                xMax={xMax}
                yDomain={percent || info.scale === 'unit' ? UNIT : info.scale === 'fromZero' ? FROM_ZERO : undefined}
                yFormat={percent ? percentTick : undefined}
                valueFormat={percent ? formatPercent : undefined}
              />
            );
          })}
        </div>
      )}
      <CompareTable runs={runs} />
    </section>
  );
}
