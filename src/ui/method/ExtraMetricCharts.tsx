import { useMemo } from 'react';
import type { YAxisProps } from 'recharts';
import type { HistoryRow } from '../../core/train/run';
import { useStore } from '../../state/store';
import { rowsWith, selectBusy, selectConfig, selectHistory, selectLastRun } from '../../state/selectors';
import { formatMetric, formatPercent } from '../format';
import { MetricChart, type Series } from '../charts/MetricChart';
import { seriesStats } from '../charts/seriesStats';
import { useThrottled } from '../charts/useThrottled';
import { useStableRowLists } from '../charts/stableRows';
import { methodMetric, type MetricSpec } from '../../core/config/methods';

/** Same pace as the main charts: redraw a few times a second while rows stream, at once when idle. */
const REDRAW_MS = 400;
/** A series with this few points (e.g. NMI at each re-clustering) gets dots on its points. */
const SPARSE = 40;
const COLORS = ['#db2777', '#0d9488', '#9333ea', '#ca8a04', '#4f46e5', '#dc2626', '#059669', '#0284c7'];
const UNIT: [number, number] = [0, 1];
const FROM_ZERO: [number, 'auto'] = [0, 'auto'];
const percentTick = (v: number) => `${Math.round(v * 100)}%`;

interface ChartSpec {
  name: string;
  info: Required<MetricSpec>;
  /** [without dots, with dots]: fixed objects, so the memoised plot redraws only on new rows. */
  series: readonly [readonly Series[], readonly Series[]];
  yDomain?: YAxisProps['domain'];
  percent: boolean;
}

function specFor(method: string, name: string, i: number): ChartSpec {
  const info = methodMetric(method, name);
  const line = { key: name, name: info.label, color: COLORS[i % COLORS.length] };
  const percent = info.scale === 'percent';
  const yDomain = percent || info.scale === 'unit' ? UNIT : info.scale === 'fromZero' ? FROM_ZERO : undefined;
  return { name, info, series: [[line], [{ ...line, dots: true }]], yDomain, percent };
}

/** One small chart per method-specific metric, read from the same (throttled) history as the main charts. */
/** `method`: the method that emitted the metrics; its spec names and explains them. */
export function ExtraMetricCharts({ method, names }: { method: string; names: readonly string[] }) {
  const history = useStore(selectHistory);
  const busy = useStore(selectBusy);
  const config = useStore(selectConfig);
  const lastRun = useStore(selectLastRun);
  const totalSteps = useStore((s) => s.progress?.totalSteps);

  const specs = useMemo(() => names.map((name, i) => specFor(method, name, i)), [method, names]);
  const stats = useMemo(() => names.map((n) => seriesStats(history, n)), [history, names]);
  // Frame offset 4: after the four main charts' redraws (ChartsPanel), in a task of its own.
  const drawn = useThrottled(history, busy ? REDRAW_MS : 0, 4);
  const rows = useStableRowLists(useMemo<HistoryRow[][]>(() => names.map((n) => rowsWith(drawn, n)), [drawn, names]));
  const xMax = totalSteps ?? lastRun?.config.steps ?? config.steps;

  return (
    <div className="charts method-panel__charts">
      {specs.map((spec, i) => {
        const format = spec.percent ? formatPercent : formatMetric;
        return (
          <MetricChart
            key={spec.name}
            testId={`chart-extra-${spec.name}`}
            title={spec.info.label}
            hint={spec.info.hint}
            rows={rows[i]}
            pointCount={stats[i].count}
            series={spec.series[rows[i].length <= SPARSE ? 1 : 0]}
            xMax={xMax}
            yDomain={spec.yDomain}
            yFormat={spec.percent ? percentTick : undefined}
            valueFormat={spec.percent ? formatPercent : undefined}
            latest={
              <span className="latest">
                latest{' '}
                <strong data-testid={`latest-extra-${spec.name}`} data-value={stats[i].latest}>
                  {stats[i].latest === undefined ? '—' : format(stats[i].latest)}
                </strong>
              </span>
            }
          />
        );
      })}
    </div>
  );
}
