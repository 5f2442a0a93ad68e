import type { HistoryRow } from '../../core/train/run';

export interface SeriesStats {
  /** Rows where the metric is a finite number. */
  count: number;
  /** Its most recent finite value. */
  latest: number | undefined;
}

/** Count and latest value of one metric in one pass, without copying the (up to 20k-row) history. */
export function seriesStats(history: readonly HistoryRow[], key: string): SeriesStats {
  let count = 0;
  let latest: number | undefined;
  for (const row of history) {
    const v = row[key];
    if (typeof v === 'number' && Number.isFinite(v)) {
      count += 1;
      latest = v;
    }
  }
  return { count, latest };
}
