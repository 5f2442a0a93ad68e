import { create } from 'zustand';
import { defaultConfig, type ExperimentConfig } from '../core/config/schema';
import type { BackendInfo, HistoryRow, MethodSnapshot, Progress, RunInfo, RunRecord } from '../core/train/run';
import type { PreviewSample, RunState } from '../worker/protocol';
import type { InsideState } from './inside';
import { initialCompareState, type CompareState } from './compare/types';
import { initialLinkState, type LinkState } from './link/types';
import { initialQueueState, type QueueState } from './queue/types';
import { initialSavedRunsInfo, type RunSummary, type SavedRunsInfo } from './runs/types';
import { initialDataState, type DataState } from './datasets/types';
import type { Question, SettingsChanged } from './ask/types';

export interface PreviewState {
  height: number;
  width: number;
  channels: number;
  samples: PreviewSample[];
}

/** The one store (zustand's single-store habit). Actions live in actions.ts, outside components. */
export interface AppState {
  config: ExperimentConfig;
  /** What the URL asked for that could not be used, shown as a dismissable notice. */
  urlNotices: string[];
  runState: RunState;
  /** Why the run ended, or what went wrong, in words. */
  statusMessage: string | null;
  backend: BackendInfo | null;
  history: HistoryRow[];
  progress: Progress | null;
  lastRun: RunRecord | null;
  /** Facts about the running experiment, known from its first message (embedding width, size). */
  runInfo: RunInfo | null;
  /** The method's latest visuals (reconstructions, cluster sizes), if it has any. */
  snapshot: MethodSnapshot | null;
  preview: PreviewState | null;
  /** Errors reported by the worker that the user should see. */
  errors: string[];
  /** Runs saved in this browser (IndexedDB), newest first: summaries only, histories stay on disk. */
  savedRuns: RunSummary[];
  savedRunsInfo: SavedRunsInfo;
  /** Users' datasets in this browser, the import in progress, a link's missing dataset. */
  data: DataState;
  /** The see-inside readings of the current run (spectrum and its trail); state/inside.ts. */
  inside: InsideState | null;
  /** Slow motion: one update per second, the model graph lighting its edges in order. */
  slowMotion: boolean;
  /** Runs ticked for comparison and the comparison view's settings (state/compare). */
  compare: CompareState;
  /** Experiments waiting to run one after another, and the one running (state/queue). */
  queue: QueueState;
  /** What the opening link held beyond one experiment: a comparison's runs, hidden control groups. */
  link: LinkState;
  /**
   * The experiment as it last came from outside the controls (the opening link, a View, a Resume, a
   * Start): the controls count as edited when config differs from it.
   */
  appliedConfig: ExperimentConfig;
  /** A question asked before something that would lose work (state/ask). */
  question: Question | null;
  /** What the last View changed in the controls, highlighted for a moment and announced. */
  settingsChanged: SettingsChanged | null;
}

export const initialState = (config: ExperimentConfig = defaultConfig()): AppState => ({
  config,
  urlNotices: [],
  runState: 'idle',
  statusMessage: null,
  backend: null,
  history: [],
  progress: null,
  lastRun: null,
  runInfo: null,
  snapshot: null,
  preview: null,
  errors: [],
  savedRuns: [],
  savedRunsInfo: initialSavedRunsInfo(),
  data: initialDataState(),
  inside: null,
  slowMotion: false,
  compare: initialCompareState(),
  queue: initialQueueState(),
  link: initialLinkState(),
  appliedConfig: config,
  question: null,
  settingsChanged: null,
});

export const useStore = create<AppState>(() => initialState());
