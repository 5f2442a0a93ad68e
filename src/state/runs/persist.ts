import type { RunRecord } from '../../core/train/run';
import { useStore } from '../store';
import { METHOD_SPECS } from '../../core/config/methods';
import { describeError, isSavedAt, openRunStore, type OpenedRunStore, type RunStore } from './db';
import { announceRunsChanged, onRunsChangedElsewhere } from './sync';
import { parseRunRecord } from './runSchema';
import { sortSummaries, summarize, type RunSummary } from './summary';
import type { SavedRunsInfo } from './types';

/**
 * Loading and saving runs: what state/actions.ts calls (at start, and when a run is done). Kept
 * apart from the panel's actions (./actions.ts), which need state/actions.ts in turn.
 */
const set = useStore.setState;
const get = useStore.getState;

let opened: Promise<OpenedRunStore> | null = null;

/** Opened once per page; never rejects (falls back to memory with a notice). */
export function runStore(): Promise<OpenedRunStore> {
  opened ??= openRunStore();
  if (!listening) {
    listening = true;
    onRunsChangedElsewhere(() => void loadSavedRuns());
  }
  return opened;
}
let listening = false;

/** For tests: hand the module a store (and forget the one it opened). */
export function setRunStoreForTests(store: RunStore, notice: string | null = null): void {
  opened = Promise.resolve({ store, notice });
}

export function patchInfo(patch: Partial<SavedRunsInfo>): void {
  set({ savedRunsInfo: { ...get().savedRunsInfo, ...patch } });
}

/** A run, as a person knows it: its method and when it was saved (never its internal id). */
export function describeRun(r: Pick<RunSummary, 'method' | 'savedAt'>): string {
  const when = isSavedAt(r.savedAt) ? new Date(r.savedAt).toLocaleString() : 'at an unknown time';
  return `the ${METHOD_SPECS[r.method].label} run saved ${when}`;
}

/** When the run on the charts has disappeared from the list (deleted in another tab): say so, by its label. */
function goneElsewhere(runs: readonly RunSummary[]): Partial<SavedRunsInfo> {
  const { viewing } = get().savedRunsInfo;
  if (!viewing || runs.some((r) => r.id === viewing)) return {};
  const known = get().savedRuns.find((r) => r.id === viewing);
  return { viewing: null, problem: `${known ? capitalise(describeRun(known)) : 'The run on the charts'} was deleted in another tab; the charts still show it until you start or view another.` };
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function addSummary(summary: RunSummary): void {
  set({ savedRuns: sortSummaries([summary, ...get().savedRuns.filter((r) => r.id !== summary.id)]) });
}

/** Reads the list from the database into the store. Failures are shown, never thrown. */
export async function loadSavedRuns(): Promise<void> {
  const { store, notice } = await runStore();
  try {
    const { runs, skipped } = await store.list();
    const gone = goneElsewhere(runs);
    set({ savedRuns: runs });
    patchInfo({ status: 'ready', skipped, storageNotice: notice, ...gone });
  } catch (e) {
    patchInfo({ status: 'ready', storageNotice: notice, problem: `Saved runs could not be read: ${describeError(e)}` });
  }
}

/**
 * Saves a finished run as it came from the worker. Validated first (the worker boundary): a run
 * that fails is still on the charts and exportable, and the panel says why it was not saved.
 */
export async function saveFinishedRun(run: RunRecord): Promise<void> {
  const parsed = parseRunRecord(run);
  if (!parsed.ok) {
    patchInfo({ problem: `This run was not saved: ${parsed.errors.join('; ')}` });
    return;
  }
  const { store } = await runStore();
  try {
    const saved = await store.save(parsed.run);
    addSummary(summarize(saved));
    announceRunsChanged();
    // The charts show this very run until the next start or view.
    if (get().lastRun === run) patchInfo({ viewing: saved.id, problem: null });
  } catch (e) {
    patchInfo({ problem: `This run was not saved: ${describeError(e)}` });
  }
}
