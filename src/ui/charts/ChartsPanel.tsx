import { useMemo } from 'react';
import type { HistoryRow } from '../../core/train/run';
import { useStore } from '../../state/store';
import { rowsWith, selectBusy, selectConfig, selectHistory, selectLastRun, selectRunInfo } from '../../state/selectors';
import { formatMetric, formatPercent } from '../format';
import { embeddingDim } from './embeddingDim';
import { labelFractionPercent } from '../../core/config/evalKnobs';
import { MetricChart, type Reference, type Series } from './MetricChart';
import { seriesStats } from './seriesStats';
import { useThrottled } from './useThrottled';
import { useStableRows } from './stableRows';
import { REFERENCE_PROBES } from '../compare/metricLabels';

// Module-level so the memoised plots see the same objects on every render.
const LOSS: readonly Series[] = [{ key: 'loss', name: 'loss', color: '#2563eb' }];
const STD: readonly Series[] = [{ key: 'l2NormalizedStd', name: 'std', color: '#0891b2' }];
const RANK: readonly Series[] = [{ key: 'rankMe', name: 'RankMe', color: '#7c3aed' }];
const PROBE: readonly Series[] = [
  { key: 'probeAccuracy', name: 'linear probe', color: '#16a34a', dots: true },
  { key: 'knnAccuracy', name: 'kNN (k = 20)', color: '#ea580c', dots: true },
];
const FROM_ZERO: [number, 'auto'] = [0, 'auto'];
const UNIT: [number, number] = [0, 1];
const percentTick = (v: number) => `${Math.round(v * 100)}%`;
/** Redraws per second while a run streams rows; a finished run draws at once. */
const REDRAW_MS = 400;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A latest value with its raw number in data-value (what tests and scripts read). */
function Latest({ testId, label, value, format = formatMetric }: { testId: string; label: string; value: number | undefined; format?: (v: number) => string }) {
  return (
    <span className="latest">
      {label}{' '}
      <strong data-testid={testId} data-value={value}>
        {value === undefined ? '—' : format(value)}
      </strong>
    </span>
  );
}

/**
 * Loss, the two collapse metrics and probe accuracy. Counts and latest values follow every message;
 * the plots redraw from a throttled copy of the history.
 */
export function ChartsPanel() {
  const history = useStore(selectHistory);
  const config = useStore(selectConfig);
  const totalSteps = useStore((s) => s.progress?.totalSteps);
  const lastRun = useStore(selectLastRun);
  const runInfo = useStore(selectRunInfo);
  const busy = useStore(selectBusy);

  const stats = useMemo(
    () => ({
      loss: seriesStats(history, 'loss'),
      std: seriesStats(history, 'l2NormalizedStd'),
      rank: seriesStats(history, 'rankMe'),
      probe: seriesStats(history, 'probeAccuracy'),
      knn: seriesStats(history, 'knnAccuracy'),
      start: history.find((r) => r.step === 0),
    }),
    [history],
  );

  // Each plot on its own frame (offsets 0–3), so a redraw is four short tasks, not one long one.
  const ms = busy ? REDRAW_MS : 0;
  const drawnLoss = useThrottled(history, ms, 0);
  const drawnStd = useThrottled(history, ms, 1);
  const drawnRank = useThrottled(history, ms, 2);
  const drawnProbe = useThrottled(history, ms, 3);
  // Stable while a chart's own rows are unchanged: the std chart does not redraw on loss-only rows.
  const rows = {
    loss: useStableRows(useMemo(() => rowsWith(drawnLoss, 'loss'), [drawnLoss])),
    std: useStableRows(useMemo(() => rowsWith(drawnStd, 'l2NormalizedStd'), [drawnStd])),
    rank: useStableRows(useMemo(() => rowsWith(drawnRank, 'rankMe'), [drawnRank])),
    probe: useStableRows(useMemo(() => drawnProbe.filter((r: HistoryRow) => isFiniteNumber(r.probeAccuracy) || isFiniteNumber(r.knnAccuracy)), [drawnProbe])),
  };

  // The x axis spans the whole run from the start, so the lines fill it as training goes.
  const xMax = totalSteps ?? lastRun?.config.steps ?? config.steps;
  const d = embeddingDim(runInfo, lastRun);
  const baseline = stats.start?.probeAccuracy ?? lastRun?.final.baselineProbeAccuracy;
  const stdRefs = useMemo<Reference[]>(() => (d ? [{ y: 1 / Math.sqrt(d), label: '1/√d (healthy)' }] : []), [d]);
  const probeRefs = useMemo<Reference[]>(
    () =>
      [
        { y: baseline, label: 'random init' },
        // Each reference from this run's step-0 row, or from the last finished run.
        ...REFERENCE_PROBES.map((r) => ({ y: stats.start?.[r.key] ?? lastRun?.final[r.key], label: r.label })),
      ].filter((r): r is Reference => isFiniteNumber(r.y)),
    [baseline, stats.start, lastRun],
  );

  return (
    <div className="charts">
      <MetricChart
        testId="chart-loss"
        title="Loss"
        hint="The method's own objective per step. Its scale differs between methods; watch the trend."
        rows={rows.loss}
        pointCount={stats.loss.count}
        series={LOSS}
        xMax={xMax}
        latest={<Latest testId="latest-loss" label="latest" value={stats.loss.latest} />}
      />
      <MetricChart
        testId="chart-std"
        title="Std of l2-normalised embeddings"
        hint="Near 1/√d: embeddings spread over the sphere. Falling towards 0: collapse to a point."
        rows={rows.std}
        pointCount={stats.std.count}
        series={STD}
        references={stdRefs}
        xMax={xMax}
        yDomain={FROM_ZERO}
        latest={
          <>
            <Latest testId="latest-std" label="latest" value={stats.std.latest} />
            {d !== null && <span className="latest latest--muted">d = {d}</span>}
          </>
        }
      />
      <MetricChart
        testId="chart-rankme"
        title="RankMe (effective rank)"
        hint="How many directions the embeddings really use (Garrido et al. 2023). Low: dimensional collapse."
        rows={rows.rank}
        pointCount={stats.rank.count}
        series={RANK}
        xMax={xMax}
        yDomain={FROM_ZERO}
        latest={<Latest testId="latest-rankme" label="latest" value={stats.rank.latest} />}
      />
      <MetricChart
        testId="chart-probe"
        title={`Probe accuracy (frozen ${(lastRun?.config ?? config).probeOn}, ${labelFractionPercent((lastRun?.config ?? config).labelFraction)} of labels)`}
        hint="Linear probe and kNN on held-out labelled images, fitted on the chosen share of probe-train labels. Dashed lines: the same probe on the encoder at random init, on raw pixels, and on PCA features of the same size (fitted on the unlabelled images). A method has shown something once it clears them."
        rows={rows.probe}
        pointCount={stats.probe.count}
        series={PROBE}
        references={probeRefs}
        xMax={xMax}
        yDomain={UNIT}
        yFormat={percentTick}
        valueFormat={formatPercent}
        latest={
          <>
            <Latest testId="probe-accuracy" label="linear" value={stats.probe.latest} format={formatPercent} />
            <Latest testId="knn-accuracy" label="kNN" value={stats.knn.latest} format={formatPercent} />
          </>
        }
      />
    </div>
  );
}
