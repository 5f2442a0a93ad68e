import type { HistoryRow } from '../../core/train/run';
import { formatMetric } from '../format';

/**
 * A chart in words for screen readers: each series' latest value and its trend. The trend compares
 * the mean of the last quarter of the points with the quarter before it; a change under 2% of the
 * series' range reads as flat (noise of a mini-batch loss is about that).
 */
export function chartSummary(rows: readonly HistoryRow[], series: readonly { key: string; name: string }[], format: (v: number) => string = formatMetric): string {
  const parts: string[] = [];
  for (const s of series) {
    const points: { step: number; v: number }[] = [];
    for (const r of rows) {
      const v = r[s.key];
      if (typeof v === 'number' && Number.isFinite(v)) points.push({ step: r.step, v });
    }
    if (points.length === 0) {
      parts.push(`${s.name}: no values yet`);
      continue;
    }
    const last = points[points.length - 1];
    parts.push(`${s.name}: ${format(last.v)} at step ${last.step}${trendWord(points.map((p) => p.v))}`);
  }
  return `${parts.join('; ')}.`;
}

function trendWord(values: readonly number[]): string {
  if (values.length < 4) return '';
  const q = Math.max(1, Math.floor(values.length / 4));
  const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const recent = mean(values.slice(-q));
  const before = mean(values.slice(-2 * q, -q));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const range = hi - lo;
  if (range === 0 || Math.abs(recent - before) < 0.02 * range) return ', flat lately';
  return recent < before ? ', falling' : ', rising';
}
