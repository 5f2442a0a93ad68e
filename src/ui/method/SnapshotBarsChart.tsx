import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipProps } from 'recharts';
import type { SnapshotBars } from '../../core/train/run';
import { useMeasuredWidth } from '../charts/useMeasuredWidth';
import { formatMetric, formatTick } from '../format';
import { barView, type BarDatum, type BarView } from './bars';

const HEIGHT = 180;
const COLOR = '#0d9488';

/** How the bars were drawn, in words, with the values' spread. */
function describe(view: BarView, n: number): string {
  const parts = [`${n} value${n === 1 ? '' : 's'}`];
  if (view.sorted) parts.push(view.perBar > 1 ? `sorted largest first, mean of ${view.perBar} per bar` : 'sorted largest first');
  const s = view.summary;
  if (s) {
    parts.push(`min ${formatMetric(s.min)}`, `max ${formatMetric(s.max)}`, `mean ${formatMetric(s.mean)}`);
    if (s.zeros > 0) parts.push(`${s.zeros} at 0`);
  }
  return parts.join(' · ');
}

/** A bar chart of one SnapshotBars (cluster sizes, prototype usage); long ones as a rank–size profile. */
export function SnapshotBarsChart({ bars, step }: { bars: SnapshotBars; step?: number }) {
  const view = useMemo(() => barView(bars), [bars]);
  const [ref, width] = useMeasuredWidth<HTMLDivElement>(460);
  return (
    <figure className="snapshot snapshot-bars" data-testid="snapshot-bars" data-title={bars.title} data-count={bars.values.length} data-bars={view.data.length} data-sorted={view.sorted}>
      <h3 className="snapshot__title">{bars.title}</h3>
      <p className="snapshot__summary">{describe(view, bars.values.length)}</p>
      <div className="chart__plot" ref={ref}>
        <Plot data={view.data} sorted={view.sorted} width={width} />
      </div>
      {step !== undefined && <figcaption className="snapshot__step">{`step ${step}`}</figcaption>}
    </figure>
  );
}

type ValueFormatter = NonNullable<TooltipProps['formatter']>;

/** A group's mean with the range it covers; a single bar's value as it is. */
const tooltipValue: ValueFormatter = (v, _name, item) => {
  const d = item?.payload as BarDatum | undefined;
  const text = typeof v === 'number' ? formatMetric(v) : String(v);
  return d && d.lo !== d.hi ? [`${text} (${formatMetric(d.lo)}–${formatMetric(d.hi)})`, 'mean'] : [text, 'value'];
};

/** Animations off, explicit width (as the line charts): live snapshots would re-animate otherwise. */
const Plot = memo(function Plot({ data, sorted, width }: { data: BarDatum[]; sorted: boolean; width: number }) {
  return (
    <BarChart width={width} height={HEIGHT} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} barCategoryGap={data.length > 20 ? 1 : '15%'}>
      <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" fontSize={11} interval="preserveStartEnd" minTickGap={8} tickLine={false} />
      <YAxis domain={[0, 'auto']} tickFormatter={formatTick} fontSize={11} width={48} />
      <Tooltip isAnimationActive={false} labelFormatter={(label) => (sorted ? `rank ${label}` : String(label))} formatter={tooltipValue} />
      <Bar dataKey="value" fill={COLOR} isAnimationActive={false} />
    </BarChart>
  );
});
