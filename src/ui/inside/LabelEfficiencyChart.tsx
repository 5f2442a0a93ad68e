import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useMeasuredWidth } from '../charts/useMeasuredWidth';
import { formatPercent } from '../format';
import type { EfficiencyLine } from './labelEfficiency';
import { labelEfficiencyRows } from './labelEfficiency';

const FRACTION_TICKS = [0.01, 0.1, 1];

/** Accuracy against the share of labels, on a log axis: where SSL beats random init most. */
export function LabelEfficiencyChart({ lines }: { lines: readonly EfficiencyLine[] }) {
  const [ref, width] = useMeasuredWidth<HTMLDivElement>(460);
  const rows = labelEfficiencyRows(lines);
  return (
    <figure className="label-efficiency" data-testid="label-efficiency" data-lines={lines.map((l) => l.key).join(' ')}>
      <div ref={ref} aria-hidden="true">
        <LineChart accessibilityLayer={false} width={width} height={220} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis dataKey="fraction" type="number" scale="log" domain={[0.01, 1]} ticks={FRACTION_TICKS} tickFormatter={(v: number) => formatPercent(v)} fontSize={11} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} fontSize={11} width={48} />
          <Tooltip isAnimationActive={false} labelFormatter={(f) => `${formatPercent(Number(f))} of the labels`} formatter={(v) => (typeof v === 'number' ? formatPercent(v) : String(v))} />
          <Legend verticalAlign="top" iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          {lines.map((l) => (
            <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.color} strokeDasharray={l.dashed ? '5 4' : undefined} dot={{ r: 3 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </div>
      <figcaption className="chart__hint">
        Accuracy on held-out images against the share of probe-train labels (log axis). The gap between the SSL encoder and random init is
        the case for self-supervision; it is widest when labels are few.
        <span className="visually-hidden">
          {' '}
          {lines.map((l) => `${l.name}: ${l.points.map((p) => `${formatPercent(p.accuracy)} at ${formatPercent(p.fraction)}`).join(', ')}.`).join(' ')}
        </span>
      </figcaption>
    </figure>
  );
}
