import { encodeConfig } from '../../core/config/url';
import type { RunRecord } from '../../core/train/run';
import { requestPreview } from '../actions';
import { selectBusy } from '../selectors';
import { useStore } from '../store';
import { describeError } from './db';
import { addSummary, capitalise, describeRun, patchInfo, runStore } from './persist';
import { announceRunsChanged } from './sync';
import { parseRunFileText, runFileSizeError } from './runSchema';
import { lastStep, runFingerprint, summarize } from './summary';

export { loadSavedRuns, saveFinishedRun } from './persist';

/** Metrics every run has; anything else in a history is the method's own (its extraMetrics). */
const COMMON_METRICS = new Set(['step', 'loss', 'probeAccuracy', 'knnAccuracy', 'l2NormalizedStd', 'rankMe']);

export function extraMetricsOf(run: RunRecord): string[] {
  const names = new Set<string>();
  for (const row of run.history) for (const key of Object.keys(row)) if (!COMMON_METRICS.has(key)) names.add(key);
  return [...names];
}

/** The Saved runs panel's actions: view, delete, import. Plain functions outside components. */
const set = useStore.setState;
const get = useStore.getState;

const SESSION_STATE = { completed: 'done', stopped: 'stopped', diverged: 'error' } as const;

/**
 * Shows a saved run as if it had just finished: its history on the charts, its final numbers, and
 * its config in the controls and the URL (so Share and Start reproduce it). Refused while a run is
 * going: the charts and the controls belong to that run.
 */
export async function viewRun(id: string): Promise<boolean> {
  if (selectBusy(get())) return false;
  const { store } = await runStore();
  let result;
  try {
    result = await store.get(id);
  } catch (e) {
    patchInfo({ problem: `Could not open the saved run: ${describeError(e)}` });
    return false;
  }
  if (!result.ok) {
    const known = get().savedRuns.find((r) => r.id === id);
    if (result.missing && known) {
      // Deleted in another tab since this list was read: say which run, and drop its stale row.
      set({ savedRuns: get().savedRuns.filter((r) => r.id !== id) });
      patchInfo({ problem: `${capitalise(describeRun(known))} is no longer saved: it was deleted in another tab.` });
    } else patchInfo({ problem: result.errors.join('; ') });
    return false;
  }
  // A run may have started while the record was being read.
  if (selectBusy(get())) return false;
  const { run, savedAt } = result.saved;
  const step = lastStep(run);
  set({
    config: run.config,
    appliedConfig: run.config,
    lastRun: run,
    history: run.history,
    progress: { step, totalSteps: run.config.steps, stepsPerSecond: run.stepsPerSecond, etaSeconds: 0 },
    runState: SESSION_STATE[run.outcome],
    statusMessage: `Showing the run saved ${new Date(savedAt).toLocaleString()}.${run.message ? ` ${run.message}` : ''}`,
    // A saved run shows its method panel too: the method's own metrics are in its history.
    runInfo: { embeddingDim: run.final.embeddingDim, parameters: NaN, extraMetrics: extraMetricsOf(run) },
    snapshot: null,
    errors: [],
  });
  patchInfo({ viewing: id, problem: null });
  // The same URL state/actions.ts keeps in sync after every config change.
  if (typeof window !== 'undefined') window.history.replaceState(null, '', `${window.location.pathname}?${encodeConfig(run.config)}`);
  requestPreview();
  return true;
}

export async function deleteRun(id: string): Promise<void> {
  const { store } = await runStore();
  try {
    await store.delete(id);
    announceRunsChanged();
  } catch (e) {
    patchInfo({ problem: `Could not delete the saved run: ${describeError(e)}` });
    return;
  }
  const info = get().savedRunsInfo;
  set({ savedRuns: get().savedRuns.filter((r) => r.id !== id) });
  patchInfo({ skipped: info.skipped.filter((s) => s.id !== id), viewing: info.viewing === id ? null : info.viewing, problem: null });
}

/**
 * Adds a run file (as Export run writes it) to the saved runs. Refused with every reason when it is
 * too big, not JSON, not a valid run, or already saved; the list is untouched then.
 */
export async function importRunFile(file: File): Promise<boolean> {
  const refuse = (reasons: string[]) => {
    patchInfo({ importErrors: [`${file.name} was not imported:`, ...reasons] });
    return false;
  };
  const tooBig = runFileSizeError(file.name, file.size);
  if (tooBig) return refuse([tooBig]);
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return refuse([`could not read the file: ${describeError(e)}`]);
  }
  const parsed = parseRunFileText(text);
  if (!parsed.ok) return refuse(parsed.errors);
  const fingerprint = runFingerprint(parsed.run);
  const same = get().savedRuns.find((r) => r.fingerprint === fingerprint);
  if (same) return refuse([`this run is saved already (the one saved ${new Date(same.savedAt).toLocaleString()})`]);
  const { store } = await runStore();
  try {
    addSummary(summarize(await store.save(parsed.run)));
    announceRunsChanged();
  } catch (e) {
    return refuse([`could not save it: ${describeError(e)}`]);
  }
  patchInfo({ importErrors: [] });
  return true;
}

export function dismissImportErrors(): void {
  patchInfo({ importErrors: [] });
}

export function dismissRunsProblem(): void {
  patchInfo({ problem: null });
}
