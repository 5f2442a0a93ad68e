import type { MethodKey } from '../../core/config/methods';
import type { ExperimentConfig } from '../../core/config/schema';
import type { SkippedRun } from './summary';

export type { RunSummary, SavedRun, SkippedRun } from './summary';

/** The Saved runs panel's state besides the list itself (store field `savedRunsInfo`). */
export interface SavedRunsInfo {
  /** 'loading' until the first listing has come back (the panel then shows nothing rather than guess). */
  status: 'loading' | 'ready';
  /** Stored records that failed validation, by id and why. */
  skipped: SkippedRun[];
  /** Set when runs cannot outlive the page (no IndexedDB): says so once, in words. */
  storageNotice: string | null;
  /** The last save, view or delete that failed, and why. */
  problem: string | null;
  /** Why the last imported file was refused, one reason a line; empty when it was not. */
  importErrors: string[];
  /** Id of the saved run the charts show, while they show it. */
  viewing: string | null;
  /** A run that did not finish before the page closed (reload, crash), kept to resume. */
  interrupted: { method: MethodKey; step: number; totalSteps: number; savedAt: number; config: ExperimentConfig } | null;
  /** What the last checkpoint cost: taking it in the worker, writing it here, and its size. */
  checkpointCost: { takeMs: number; writeMs: number; bytes: number; step: number } | null;
}

export const initialSavedRunsInfo = (): SavedRunsInfo => ({
  status: 'loading',
  skipped: [],
  storageNotice: null,
  problem: null,
  importErrors: [],
  viewing: null,
  interrupted: null,
  checkpointCost: null,
});
