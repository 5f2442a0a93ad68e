import { memo, useId, useMemo, type ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type YAxisProps } from 'recharts';
import type { HistoryRow } from '../../core/train/run';
import { formatMetric, formatTick } from '../format';
import { downsample } from './downsample';
import { chartSummary } from './textSummary';
import { useMeasuredWidth } from './useMeasuredWidth';

export interface Series {
  key: string;
  name: string;
  color: string;
  /** Dots on each point: for sparse series (probes every few hundred steps). */
  dots?: boolean;
}

export interface Reference {
  y: number;
  label: string;
  color?: string;
}

interface PlotProps {
  /** Rows to plot (already filtered to finite values); drawn downsampled. */
  rows: readonly HistoryRow[];
  series: readonly Series[];
  references: readonly Reference[];
  xMax: number;
  yDomain?: YAxisProps['domain'];
  /** Axis ticks. */
  yFormat?: (v: number) => string;
  /** Tooltip values. */
  valueFormat?: (v: number) => string;
}

interface Props extends Omit<PlotProps, 'references'> {
  references?: readonly Reference[];
  testId: string;
  title: string;
  /** One-line reading guide under the plot. */
  hint: string;
  /** Finite values in the full, live series, reported as data-points (not the drawn count). */
  pointCount: number;
  /** Latest values, printed above the plot. */
  latest: ReactNode;
}

const HEIGHT = 200;
const REFERENCE_COLOR = '#64748b';

/** A reference as a dashed, labelled line (recharts needs ReferenceLine itself as the chart's child). */
export function referenceLineProps(r: Reference) {
  const color = r.color ?? REFERENCE_COLOR;
  return { y: r.y, stroke: color, strokeDasharray: '5 4', ifOverflow: 'extendDomain' as const, label: { value: r.label, position: 'insideTopRight' as const, fill: color, fontSize: 11 } };
}
const NO_REFERENCES: readonly Reference[] = [];

/** One metric panel: title, latest values (live), and the plot (redrawn only when its inputs change). */
export function MetricChart({ testId, title, hint, pointCount, latest, references = NO_REFERENCES, ...plot }: Props) {
  const [ref, width, measured] = useMeasuredWidth<HTMLDivElement>(460);
  const titleId = useId();
  // The picture is for eyes; screen readers get the same chart in words (latest value, trend).
  const summary = useMemo(() => chartSummary(plot.rows, plot.series, plot.valueFormat), [plot.rows, plot.series, plot.valueFormat]);
  return (
    <figure className="card chart" data-testid={testId} data-points={pointCount} aria-labelledby={titleId}>
      <div className="chart__head">
        <h3 id={titleId} title={hint}>
          {title}
        </h3>
        <div className="chart__latest">{latest}</div>
      </div>
      <div className="chart__plot" ref={ref} aria-hidden="true">
        {/* Drawn once the width is known (before the first paint): a recharts mount is the costly part. */}
        {measured ? <Plot {...plot} references={references} width={width} /> : <div style={{ height: HEIGHT }} />}
      </div>
      <figcaption className="chart__hint">
        {hint}
        <span className="visually-hidden" data-testid="chart-summary">
          {' '}
          {summary}
        </span>
      </figcaption>
    </figure>
  );
}

/** Animations off: live data would otherwise re-animate on every update. */
const Plot = memo(function Plot({ rows, series, references, xMax, yDomain, yFormat = formatTick, valueFormat = formatMetric, width }: PlotProps & { width: number }) {
  const drawn = downsample(rows);
  return (
    <LineChart accessibilityLayer={false} width={width} height={HEIGHT} data={drawn as HistoryRow[]} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
      <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
      <XAxis dataKey="step" type="number" domain={[0, Math.max(1, xMax)]} allowDecimals={false} tickFormatter={formatTick} fontSize={11} />
      <YAxis domain={yDomain ?? ['auto', 'auto']} tickFormatter={yFormat} fontSize={11} width={48} />
      <Tooltip isAnimationActive={false} labelFormatter={(step) => `step ${step}`} formatter={(v) => (typeof v === 'number' ? valueFormat(v) : String(v))} />
      {series.length > 1 && <Legend verticalAlign="top" height={20} iconSize={10} itemSorter={null} wrapperStyle={{ fontSize: 12 }} />}
      {references.map((r) => (
        <ReferenceLine key={r.label} {...referenceLineProps(r)} />
      ))}
      {series.map((s) => (
        <Line key={s.key} dataKey={s.key} name={s.name} type="linear" stroke={s.color} strokeWidth={1.6} dot={s.dots ? { r: 2.5 } : false} connectNulls isAnimationActive={false} />
      ))}
    </LineChart>
  );
});
