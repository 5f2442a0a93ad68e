import { debiasedEma } from '../../core/compare/smooth';
import type { HistoryRow } from '../../core/train/run';
import { downsample, MAX_DRAWN_POINTS } from '../charts/downsample';

/** One run's series of one metric: full (for the tooltip) and as drawn. */
export interface RunSeries {
  steps: number[];
  /** Smoothed when smoothing is on, else the raw values. */
  values: number[];
  raw: number[];
}

/** Points drawn across all lines of one chart: 12 runs share it, so hovering stays under a frame. */
const TOTAL_DRAWN = 1200;
const MIN_PER_RUN = 60;

export function pointsPerRun(runs: number): number {
  return Math.min(MAX_DRAWN_POINTS, Math.max(MIN_PER_RUN, Math.floor(TOTAL_DRAWN / Math.max(1, runs))));
}

export function runSeries(history: readonly HistoryRow[], metric: string, smoothing: number): RunSeries {
  const steps: number[] = [];
  const raw: number[] = [];
  for (const row of history) {
    const v = row[metric];
    if (typeof v === 'number' && Number.isFinite(v)) {
      steps.push(row.step);
      raw.push(v);
    }
  }
  return { steps, raw, values: smoothing > 0 ? debiasedEma(raw, smoothing) : raw };
}

/** Data key of run i's line (and of its faint raw line). */
export const lineKey = (i: number) => `r${i}`;
export const rawKey = (i: number) => `r${i}raw`;

/**
 * Rows for one overlay chart: each run downsampled on its own (its first and last point kept, so
 * runs of different lengths end where they ended), merged by step onto the shared step axis.
 * Smoothing is applied to the full series before downsampling, as TensorBoard does.
 */
export function overlayRows(series: readonly RunSeries[], withRaw: boolean): Record<string, number>[] {
  const per = pointsPerRun(series.length);
  const byStep = new Map<number, Record<string, number>>();
  series.forEach((s, i) => {
    const idx = downsample(
      s.steps.map((_, k) => k),
      per,
    );
    for (const k of idx) {
      const step = s.steps[k];
      let row = byStep.get(step);
      if (!row) byStep.set(step, (row = { step }));
      row[lineKey(i)] = s.values[k];
      if (withRaw) row[rawKey(i)] = s.raw[k];
    }
  });
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** Each run's value at a step: the last point at or before it (binary search over the full series). */
export function valueAt(s: RunSeries, step: number): number | undefined {
  let lo = 0;
  let hi = s.steps.length - 1;
  if (hi < 0 || s.steps[0] > step) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.steps[mid] <= step) lo = mid;
    else hi = mid - 1;
  }
  return s.values[lo];
}

/** Extra metrics every run has (the charts the runs share), in the first run's order. */
export function sharedMetrics(histories: readonly (readonly HistoryRow[])[], skip: ReadonlySet<string>): string[] {
  const names = (h: readonly HistoryRow[]) => {
    const out = new Set<string>();
    for (const row of h) for (const [k, v] of Object.entries(row)) if (typeof v === 'number' && Number.isFinite(v) && !skip.has(k)) out.add(k);
    return out;
  };
  if (histories.length === 0) return [];
  const [first, ...rest] = histories.map(names);
  return [...first].filter((n) => rest.every((s) => s.has(n)));
}

/**
 * Reference values (read once per run, e.g. the raw-pixel and PCA probes) that every run shares: one line
 * each. A reference the runs disagree on (different datasets or embedding sizes) or one run lacks is left
 * out rather than drawn for some runs only.
 */
export function sharedReferences(histories: readonly (readonly HistoryRow[])[], refs: readonly { key: string; label: string }[]): { y: number; label: string }[] {
  if (histories.length === 0) return [];
  return refs.flatMap(({ key, label }) => {
    const values = histories.map((h) => h.map((r) => r[key]).find((v): v is number => typeof v === 'number' && Number.isFinite(v)));
    if (values.some((v) => v === undefined)) return [];
    const ys = values as number[];
    return Math.max(...ys) - Math.min(...ys) <= 1e-9 ? [{ y: ys[0], label }] : [];
  });
}
