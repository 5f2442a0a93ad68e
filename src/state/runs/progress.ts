import { encodeConfig } from '../../core/config/url';
import type { FromWorker } from '../../worker/protocol';
import { useStore } from '../store';
import { sendToWorker } from '../workerClient';
import { describeError } from './db';
import { patchInfo } from './persist';
import { openProgressStore, PROGRESS_SCHEMA, progressBytes, type ProgressStore } from './progressDb';

/**
 * The run in progress survives a reload: each checkpoint from the worker is written (one at a time,
 * in order), cleared when the run ends; after a reload it is offered as "interrupted at step X" with
 * Resume and Discard. Plain functions outside components, as the other actions.
 */
const get = useStore.getState;
const set = useStore.setState;

let store: Promise<ProgressStore> | null = null;
/** Writes and clears in the order they were asked for: a clear never overtakes a put. */
let queue: Promise<unknown> = Promise.resolve();

function progressStore(): Promise<ProgressStore> {
  store ??= openProgressStore();
  return store;
}

/** For tests. */
export function setProgressStoreForTests(s: ProgressStore): void {
  store = Promise.resolve(s);
  queue = Promise.resolve();
}

function inOrder<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

/** The lookup loadInterrupted started, while it has not answered yet (Start waits for it). */
let lookup: Promise<void> | null = null;

/** After a reload: is there a run that did not finish? Listed in the Saved runs panel. */
export function loadInterrupted(): Promise<void> {
  const current: Promise<void> = readInterrupted().finally(() => {
    if (lookup === current) lookup = null;
  });
  lookup = current;
  return current;
}

/**
 * While the page does not yet know whether an interrupted run is kept (just after loading), the
 * lookup to wait for; null once known. A Start pressed in that moment must not skip the question.
 */
export function interruptedLookup(): Promise<void> | null {
  return lookup;
}

async function readInterrupted(): Promise<void> {
  const r = await (await progressStore()).get();
  if (!r.ok) {
    patchInfo({ interrupted: null, problem: `A run interrupted earlier could not be read back (${r.problem}); it was discarded.` });
    await clearInProgress();
    return;
  }
  const rec = r.record;
  patchInfo({ interrupted: rec && { method: rec.config.method, step: rec.checkpoint.step, totalSteps: rec.config.steps, savedAt: rec.savedAt, config: rec.config } });
}

/** A checkpoint from the worker, written with the history so far; its cost is kept for the run bar. */
export function keepCheckpoint(msg: Extract<FromWorker, { type: 'checkpoint' }>): Promise<void> {
  const record = { schema: PROGRESS_SCHEMA, savedAt: Date.now(), config: get().config, checkpoint: msg.checkpoint, history: msg.history };
  return inOrder(async () => {
    const t0 = performance.now();
    try {
      await (await progressStore()).put(record);
      patchInfo({ checkpointCost: { takeMs: msg.ms, writeMs: performance.now() - t0, bytes: progressBytes(record), step: msg.checkpoint.step } });
    } catch (e) {
      patchInfo({ problem: `The run's progress could not be kept (${describeError(e)}); it goes on, but a reload now would lose it.` });
    }
  });
}

/** The run ended (saved as a run) or was reset: nothing to resume. */
export function clearInProgress(): Promise<void> {
  return inOrder(async () => {
    try {
      await (await progressStore()).clear();
    } catch {
      // Nothing to lose: a stale record is validated and offered, never trusted, on the next load.
    }
  });
}

/** Resume: the interrupted run's config and rows back on the page, and the worker continues from its checkpoint. */
export async function resumeInterrupted(): Promise<boolean> {
  const r = await (await progressStore()).get();
  if (!r.ok || !r.record) {
    patchInfo({ interrupted: null, problem: r.ok ? 'There is no interrupted run to resume.' : `The interrupted run could not be read back (${r.problem}).` });
    return false;
  }
  const { config, checkpoint, history } = r.record;
  set({ config, appliedConfig: config, history: [], progress: null, lastRun: null, runInfo: null, snapshot: null, statusMessage: `Resuming from step ${checkpoint.step}.`, errors: [], runState: 'loading' });
  patchInfo({ interrupted: null, viewing: null });
  if (typeof window !== 'undefined') window.history.replaceState(null, '', `${window.location.pathname}?${encodeConfig(config)}`);
  sendToWorker({ type: 'start', config, resume: { checkpoint, history } });
  return true;
}

export async function discardInterrupted(): Promise<void> {
  await clearInProgress();
  patchInfo({ interrupted: null });
}
