import type { ExperimentConfig } from '../../core/config/schema';

/** waiting → running → done | stopped | failed. Only waiting entries can be moved or removed. */
export type QueueEntryState = 'waiting' | 'running' | 'done' | 'stopped' | 'failed';

export interface QueueEntry {
  id: string;
  config: ExperimentConfig;
  state: QueueEntryState;
  /** Steps done of the entry's run while it runs (after a reload: its checkpoint's step once resumed, else 0). */
  step: number;
  /** The saved run's id once it finished and was saved. */
  savedId: string | null;
  /** Why it failed, or that a reload interrupted it and whether it resumed or started again. */
  message: string | null;
}

export interface QueueState {
  entries: QueueEntry[];
  /** Whether waiting entries start as soon as the worker is free: on from Run queue until the queue is empty, a Stop or a Reset. */
  active: boolean;
  /** A message for the whole queue (restored after a reload, entries that could not be read). */
  notice: string | null;
}

export const initialQueueState = (): QueueState => ({ entries: [], active: false, notice: null });
