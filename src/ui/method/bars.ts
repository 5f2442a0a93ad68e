import type { SnapshotBars } from '../../core/train/run';

/** Most bars drawn one per value; beyond this the values are sorted and grouped by rank. */
export const MAX_BARS = 40;

export interface BarDatum {
  label: string;
  /** The value, or for a group of ranks their mean. */
  value: number;
  /** Smallest and largest value in the group (equal to value for a single bar). */
  lo: number;
  hi: number;
}

export interface BarSummary {
  /** Finite values. */
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Values equal to 0 (e.g. empty clusters). */
  zeros: number;
}

export interface BarView {
  data: BarDatum[];
  /** True when the values were sorted (largest first) and grouped: the x axis is then a rank. */
  sorted: boolean;
  /** Ranks per drawn bar when sorted (1 when every value has its own bar). */
  perBar: number;
  summary: BarSummary | null;
}

const finite = (v: number) => typeof v === 'number' && Number.isFinite(v);

export function summarize(values: readonly number[]): BarSummary | null {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let zeros = 0;
  for (const v of values) {
    if (!finite(v)) continue;
    count += 1;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros += 1;
  }
  return count === 0 ? null : { count, min, max, mean: sum / count, zeros };
}

/**
 * What to draw for one SnapshotBars. Up to `max` values: one bar each, in the order and with the
 * labels given (non-finite values drawn as 0). More (k-means with k = 1000): the finite values
 * sorted largest first and grouped into at most `max` bars of consecutive ranks, each the group's
 * mean, so the chart reads as a rank–size histogram (a flat profile: balanced; a cliff: a few
 * groups own everything, then many empty ones).
 */
export function barView(bars: Pick<SnapshotBars, 'labels' | 'values'>, max = MAX_BARS): BarView {
  const { labels, values } = bars;
  const summary = summarize(values);
  const limit = Math.max(1, Math.floor(max));
  if (values.length <= limit) {
    const data = values.map((v, i) => {
      const value = finite(v) ? v : 0;
      return { label: labels[i] ?? String(i), value, lo: value, hi: value };
    });
    return { data, sorted: false, perBar: 1, summary };
  }
  const sortedValues = values.filter(finite).sort((a, b) => b - a);
  const perBar = Math.ceil(sortedValues.length / limit);
  const data: BarDatum[] = [];
  for (let start = 0; start < sortedValues.length; start += perBar) {
    const end = Math.min(start + perBar, sortedValues.length);
    let sum = 0;
    for (let i = start; i < end; i++) sum += sortedValues[i];
    data.push({
      label: end - start === 1 ? `${start + 1}` : `${start + 1}–${end}`,
      value: sum / (end - start),
      lo: sortedValues[end - 1],
      hi: sortedValues[start],
    });
  }
  return { data, sorted: true, perBar, summary };
}
