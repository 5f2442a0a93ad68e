import type { RunRecord } from '../../core/train/run';

/** Id of the run on the main charts (training now, or just finished) when it is ticked for comparison. */
export const LIVE_ID = 'live';

/** Final metrics the sweep summary chart can plot against the knob value. */
export const SUMMARY_METRICS = ['probeAccuracy', 'knnAccuracy', 'l2NormalizedStd', 'rankMe', 'loss'] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

/** The comparison view's state (store field `compare`). Histories of saved runs are loaded on tick. */
export interface CompareState {
  /** Ticked runs in the order they were ticked: saved-run ids and possibly LIVE_ID. */
  selected: string[];
  /** Palette index per ticked id, kept while the run stays ticked: a run keeps its colour. */
  colors: Record<string, number>;
  /** Saved runs' records, loaded when ticked (the list holds summaries only). */
  records: Record<string, RunRecord>;
  /** EMA weight for loss-like charts, 0 (raw) to 0.99 (TensorBoard's slider). */
  smoothing: number;
  summaryMetric: SummaryMetric;
  differencesOnly: boolean;
  sort: { key: string; dir: 'asc' | 'desc' } | null;
  /** The last tick that failed (record unreadable), in words. */
  problem: string | null;
}

export const initialCompareState = (): CompareState => ({
  selected: [],
  colors: {},
  records: {},
  smoothing: 0.6,
  summaryMetric: 'probeAccuracy',
  differencesOnly: false,
  sort: null,
  problem: null,
});
