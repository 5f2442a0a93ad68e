import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { setSummaryMetric } from '../../state/compare/actions';
import { selectSummaryMetric, type ComparedRun } from '../../state/compare/selectors';
import { SUMMARY_METRICS, type SummaryMetric } from '../../state/compare/types';
import { useStore } from '../../state/store';
import { formatMetric, formatPercent, formatTick } from '../format';
import { useMeasuredWidth } from '../charts/useMeasuredWidth';
import { sweepSummary } from './sweepSummary';

const METRIC_LABELS: Record<SummaryMetric, string> = {
  probeAccuracy: 'final linear probe',
  knnAccuracy: 'final kNN',
  l2NormalizedStd: 'final std',
  rankMe: 'final RankMe',
  loss: 'final loss',
};
const PERCENT = new Set<SummaryMetric>(['probeAccuracy', 'knnAccuracy']);
const COLOR = '#4e79a7';

/** The sweep at a glance: a final metric against the swept knob, mean with min–max over seeds. */
export function SweepSummaryChart({ runs }: { runs: readonly ComparedRun[] }) {
  const metric = useStore(selectSummaryMetric);
  const summary = useMemo(() => sweepSummary(runs, metric), [runs, metric]);
  const [ref, width] = useMeasuredWidth<HTMLDivElement>(460);
  if (!summary) return null;
  const percent = PERCENT.has(metric);
  const format = percent ? formatPercent : formatMetric;
  const tick = percent ? (v: number) => `${Math.round(v * 100)}%` : formatTick;
  const tooltip = (
    <Tooltip
      isAnimationActive={false}
      formatter={(v, _n, item) => {
        const p = item.payload as { spread: [number, number]; runs: number; mean: number };
        return [`${format(Number(v))} (min ${format(p.mean - p.spread[0])}, max ${format(p.mean + p.spread[1])}; ${p.runs} run${p.runs > 1 ? 's' : ''})`, METRIC_LABELS[metric]];
      }}
      labelFormatter={(l) => `${summary.knob} = ${l}`}
    />
  );
  return (
    <div className="card chart sweep-summary" data-testid="sweep-summary" data-knob={summary.knob} data-points={summary.points.length}>
      <div className="chart__head">
        <h3>
          {METRIC_LABELS[metric]} against {summary.knob}
        </h3>
        <select aria-label="Metric" data-testid="summary-metric" value={metric} onChange={(e) => setSummaryMetric(e.currentTarget.value as SummaryMetric)}>
          {SUMMARY_METRICS.map((m) => (
            <option key={m} value={m}>
              {METRIC_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
      <div className="chart__plot" ref={ref}>
        {summary.numeric ? (
          <LineChart width={width} height={220} data={summary.points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
            <XAxis dataKey="x" type="number" scale={summary.log ? 'log' : 'auto'} domain={['auto', 'auto']} tickFormatter={formatTick} fontSize={11} />
            <YAxis tickFormatter={tick} fontSize={11} width={48} domain={['auto', 'auto']} />
            {tooltip}
            <Line dataKey="mean" stroke={COLOR} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false}>
              <ErrorBar dataKey="spread" width={6} stroke={COLOR} direction="y" />
            </Line>
          </LineChart>
        ) : (
          <BarChart width={width} height={220} data={summary.points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
            <XAxis dataKey="x" type="category" fontSize={11} />
            <YAxis tickFormatter={tick} fontSize={11} width={48} />
            {tooltip}
            <Bar dataKey="mean" fill={COLOR} isAnimationActive={false}>
              <ErrorBar dataKey="spread" width={6} stroke="#1e293b" direction="y" />
            </Bar>
          </BarChart>
        )}
      </div>
      <p className="chart__hint">
        Mean over the runs with each value; the whiskers reach their min and max (seeds).
        {summary.alsoDiffering.length > 0 && ` Runs also differ in ${summary.alsoDiffering.join(', ')}, averaged over here.`}
      </p>
    </div>
  );
}
