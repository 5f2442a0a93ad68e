import { runLabels } from '../../core/compare/labels';
import { labelWithPlace } from '../../core/export/ranOn';
import type { ComparedRecord } from '../../core/compare/table';
import type { ExperimentConfig } from '../../core/config/schema';
import type { HistoryRow } from '../../core/train/run';
import type { AppState } from '../store';
import { PALETTE } from './palette';
import { LIVE_ID } from './types';

/** One run of the comparison as the charts and the table read it. */
export interface ComparedRun {
  id: string;
  label: string;
  color: string;
  config: ExperimentConfig;
  history: readonly HistoryRow[];
  /** The finished record (final metrics); null while the live run is still training. */
  record: ComparedRecord | null;
}

export const selectCompare = (s: AppState) => s.compare;
export const selectCompareSelected = (s: AppState) => s.compare.selected;
export const selectSmoothing = (s: AppState) => s.compare.smoothing;
export const selectSummaryMetric = (s: AppState) => s.compare.summaryMetric;

/** Whether the run on the main charts can be ticked: it has rows and is not a saved run being viewed. */
export const selectLiveComparable = (s: AppState) => s.history.length > 0 && !(s.lastRun && s.savedRunsInfo.viewing);

type Inputs = [AppState['compare'], AppState['history'], AppState['lastRun'], AppState['config'], AppState['savedRuns']];
let memo: { inputs: Inputs; out: ComparedRun[] } | null = null;

/**
 * The ticked runs, labelled by what differs and coloured by their palette slot. Memoised on its
 * inputs, so components re-render only when the comparison really changes (zustand needs a stable
 * result for an unchanged state).
 */
export function selectComparedRuns(s: AppState): ComparedRun[] {
  const inputs: Inputs = [s.compare, s.history, s.lastRun, s.config, s.savedRuns];
  if (memo && memo.inputs.every((x, i) => x === inputs[i])) return memo.out;
  const runs: Omit<ComparedRun, 'label'>[] = [];
  for (const id of s.compare.selected) {
    const color = PALETTE[s.compare.colors[id] ?? 0];
    if (id === LIVE_ID) {
      if (s.history.length === 0) continue;
      const config = s.lastRun?.config ?? s.config;
      runs.push({ id, color, config, history: s.history, record: s.lastRun });
    } else {
      const record = s.compare.records[id];
      // A run deleted from the list leaves the comparison too.
      if (!record || !s.savedRuns.some((r) => r.id === id)) continue;
      runs.push({ id, color, config: record.config, history: record.history, record });
    }
  }
  const labels = runLabels(runs.map((r) => r.config));
  const out = runs.map((r, i) => ({ ...r, label: labelWithPlace(labels[i], r.record?.backend) }));
  memo = { inputs, out };
  return out;
}
