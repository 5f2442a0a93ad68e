import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type YAxisProps } from 'recharts';
import type { ComparedRun } from '../../state/compare/selectors';
import { formatMetric, formatTick } from '../format';
import { referenceLineProps, type Reference } from '../charts/MetricChart';
import { useMeasuredWidth } from '../charts/useMeasuredWidth';
import { lineKey, overlayRows, rawKey, runSeries, valueAt, type RunSeries } from './overlayData';

interface Props {
  testId: string;
  title: string;
  hint: string;
  metric: string;
  runs: readonly ComparedRun[];
  xMax: number;
  /** EMA weight for loss-like charts (0: raw); the raw curve stays faint underneath. */
  smoothing?: number;
  yDomain?: YAxisProps['domain'];
  yFormat?: (v: number) => string;
  valueFormat?: (v: number) => string;
  /** Dashed horizontal lines every compared run shares (the probe chart's raw-pixel and PCA references). */
  references?: readonly Reference[];
}

const NO_REFERENCES: readonly Reference[] = [];

const HEIGHT = 220;

/** Every run's value at the hovered step, read from its full series (not only the drawn points). */
function StepTooltip({ active, label, runs, series, valueFormat }: { active?: boolean; label?: unknown; runs: readonly ComparedRun[]; series: readonly RunSeries[]; valueFormat: (v: number) => string }) {
  const step = Number(label);
  if (!active || label === undefined || label === null || !Number.isFinite(step)) return null;
  return (
    <div className="compare-tooltip" data-testid="compare-tooltip">
      <div className="compare-tooltip__step">step {step}</div>
      <ul>
        {runs.map((r, i) => {
          const v = valueAt(series[i], step);
          return (
            <li key={r.id}>
              <span className="compare-swatch" style={{ background: r.color }} /> {r.label}: <strong>{v === undefined ? '—' : valueFormat(v)}</strong>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One metric of every compared run on one plot: one line per run in its colour. */
export const CompareChart = memo(function CompareChart({ testId, title, hint, metric, runs, xMax, smoothing = 0, yDomain, yFormat = formatTick, valueFormat = formatMetric, references = NO_REFERENCES }: Props) {
  const [ref, width] = useMeasuredWidth<HTMLDivElement>(460);
  const series = useMemo(() => runs.map((r) => runSeries(r.history, metric, smoothing)), [runs, metric, smoothing]);
  const rows = useMemo(() => overlayRows(series, smoothing > 0), [series, smoothing]);
  const drawnRuns = series.filter((s) => s.steps.length > 0).length;
  return (
    <div className="card chart compare-chart" data-testid={testId} data-lines={drawnRuns} data-references={references.map((r) => r.label).join(',')}>
      <div className="chart__head">
        <h3 title={hint}>{title}</h3>
      </div>
      <div className="chart__plot" ref={ref}>
        <LineChart width={width} height={HEIGHT} data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={[0, Math.max(1, xMax)]} allowDecimals={false} tickFormatter={formatTick} fontSize={11} />
          <YAxis domain={yDomain ?? ['auto', 'auto']} tickFormatter={yFormat} fontSize={11} width={48} />
          <Tooltip isAnimationActive={false} content={(p) => <StepTooltip active={p.active} label={p.label} runs={runs} series={series} valueFormat={valueFormat} />} />
          {smoothing > 0 &&
            runs.map((r, i) => (
              <Line key={`${r.id}-raw`} className="compare-line--raw" dataKey={rawKey(i)} stroke={r.color} strokeOpacity={0.22} strokeWidth={1} dot={false} activeDot={false} connectNulls isAnimationActive={false} legendType="none" tooltipType="none" />
            ))}
          {references.map((r) => (
            <ReferenceLine key={r.label} {...referenceLineProps(r)} />
          ))}
          {runs.map((r, i) => (
            <Line key={r.id} className="compare-line" dataKey={lineKey(i)} name={r.label} stroke={r.color} strokeWidth={1.8} dot={series[i].steps.length <= 12 ? { r: 2.5 } : false} activeDot={runs.length <= 4 ? { r: 3 } : false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </div>
      <p className="chart__hint">{hint}</p>
    </div>
  );
});
