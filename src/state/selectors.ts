import type { HistoryRow } from '../core/train/run';
import type { AppState } from './store';

/** Selectors at module scope, so components re-render only on what they read. */
export const selectConfig = (s: AppState) => s.config;
export const selectRunState = (s: AppState) => s.runState;
export const selectHistory = (s: AppState) => s.history;
export const selectProgress = (s: AppState) => s.progress;
export const selectBackend = (s: AppState) => s.backend;
export const selectPreview = (s: AppState) => s.preview;
export const selectUrlNotices = (s: AppState) => s.urlNotices;
export const selectErrors = (s: AppState) => s.errors;
export const selectStatusMessage = (s: AppState) => s.statusMessage;
export const selectLastRun = (s: AppState) => s.lastRun;

/** True while a run occupies the worker (controls that change the experiment are locked). */
export const selectBusy = (s: AppState) => s.runState === 'loading' || s.runState === 'running' || s.runState === 'paused' || s.runState === 'stopping';

/** Rows that carry a given metric, for one chart line. */
export function rowsWith(history: HistoryRow[], key: string): HistoryRow[] {
  return history.filter((r) => Number.isFinite(r[key]));
}

/** Current step: the last row with a loss. */
export const selectRunInfo = (s: AppState) => s.runInfo;
export const selectSnapshot = (s: AppState) => s.snapshot;

export const selectUserDatasets = (s: AppState) => s.data.stored;
