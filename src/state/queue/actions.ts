import { METHOD_SPECS } from '../../core/config/methods';
import type { ExperimentConfig } from '../../core/config/schema';
import { encodeConfig } from '../../core/config/url';
import type { RunRecord } from '../../core/train/run';
import { startExperiment } from '../actions';
import { ask } from '../ask/actions';
import { resumeShowingChanges, startAskingFirst } from '../ask/guards';
import { addToComparison } from '../compare/actions';
import { discardInterrupted, interruptedLookup } from '../runs/progress';
import { runFingerprint } from '../runs/summary';
import { selectBusy } from '../selectors';
import { useStore, type AppState } from '../store';
import { loadQueueText, parseStoredQueue, storeQueue } from './storage';
import type { QueueEntry, QueueState } from './types';

/**
 * The queue: experiments run one after another in the one worker. It watches the store (a run's
 * progress, its record arriving, its save) rather than the worker, so the worker knows nothing of it.
 */
const set = useStore.setState;
const get = useStore.getState;

let nextId = 0;
/** The record of the running entry once the worker sent it, until its save shows in the list. */
let pendingRun: RunRecord | null = null;

function patchQueue(patch: Partial<QueueState>, persist = true): void {
  const queue = { ...get().queue, ...patch };
  set({ queue });
  if (persist) storeQueue(queue);
}

function patchEntry(id: string, patch: Partial<QueueEntry>, persist = true): void {
  patchQueue({ entries: get().queue.entries.map((e) => (e.id === id ? { ...e, ...patch } : e)) }, persist);
}

const running = (s: AppState) => s.queue.entries.find((e) => e.state === 'running');

/** Starts the next waiting entry when the queue is on and the worker is free; turns it off when empty. */
function pump(): void {
  const s = get();
  if (!s.queue.active || selectBusy(s) || running(s)) return;
  const next = s.queue.entries.find((e) => e.state === 'waiting');
  if (!next) {
    patchQueue({ active: false });
    return;
  }
  // The entry's first checkpoint would replace an interrupted run's record: first learn whether one
  // is kept (just after a reload the page may not know yet), and if so pause and ask.
  const lookup = interruptedLookup();
  if (lookup) {
    void lookup.then(pump);
    return;
  }
  if (s.savedRunsInfo.interrupted) {
    patchQueue({ active: false });
    askAboutInterrupted(next);
    return;
  }
  pendingRun = null;
  patchEntry(next.id, { state: 'running', step: 0 });
  startExperiment(next.config);
}

/** Turns the queue back on after a question was answered. */
function goOn(): void {
  patchQueue({ active: true, notice: null });
  pump();
}

/**
 * The queue is about to start `next` while an interrupted run is kept. When that run is `next`'s own
 * (a reload during the queued run), Resume continues the entry where it stopped and the queue
 * follows; Start again discards it. Another run's record is asked about as Start asks. Cancel leaves
 * the queue paused and the record kept.
 */
function askAboutInterrupted(next: QueueEntry): void {
  const interrupted = get().savedRunsInfo.interrupted!;
  if (encodeConfig(interrupted.config) !== encodeConfig(next.config)) return startAskingFirst(goOn);
  const label = METHOD_SPECS[next.config.method].label;
  const resume = async () => {
    if (!(await resumeShowingChanges())) return; // the problem is shown; the queue stays paused
    pendingRun = null;
    patchEntry(next.id, { state: 'running', step: interrupted.step, message: `Resumed at step ${interrupted.step} after a reload.` });
    patchQueue({ active: true, notice: null });
  };
  ask({
    title: 'Resume the queued run?',
    text: `The page was reloaded while the queued ${label} run was training. It is kept at step ${interrupted.step} of ${interrupted.totalSteps} and can go on where it stopped; the rest of the queue follows.`,
    choices: [
      { label: 'Resume it', testId: 'ask-resume', run: () => void resume() },
      {
        label: 'Start it again from step 0',
        testId: 'ask-discard',
        run: () => void discardInterrupted().then(() => {
          patchEntry(next.id, { message: 'Started again from step 0 after a reload (its interrupted run was discarded).' }, false);
          goOn();
        }),
      },
    ],
  });
}

function newEntry(config: ExperimentConfig): QueueEntry {
  nextId += 1;
  return { id: `q${Date.now().toString(36)}-${nextId}`, config, state: 'waiting', step: 0, savedId: null, message: null };
}

/**
 * Queues the current experiment. A queue being worked through picks it up in turn; otherwise it
 * waits for Run queue, so a person can queue several settings first.
 */
export function addToQueue(config: ExperimentConfig = get().config): void {
  patchQueue({ entries: [...get().queue.entries, newEntry(config)] });
}

/** Queues several experiments at once (a sweep, a comparison link) and, with run, starts the queue. */
export function addAllToQueue(configs: readonly ExperimentConfig[], run = false): void {
  patchQueue({ entries: [...get().queue.entries, ...configs.map(newEntry)] });
  if (run) runQueue();
}

/** Removes an entry that is not running (a waiting one, or a finished one from the list). */
export function removeFromQueue(id: string): void {
  patchQueue({ entries: get().queue.entries.filter((e) => e.id !== id || e.state === 'running') });
}

/** Moves a waiting entry up (-1) or down (+1) past the next waiting entry. */
export function moveInQueue(id: string, delta: -1 | 1): void {
  const entries = [...get().queue.entries];
  const i = entries.findIndex((e) => e.id === id);
  if (i < 0 || entries[i].state !== 'waiting') return;
  let j = i + delta;
  while (j >= 0 && j < entries.length && entries[j].state !== 'waiting') j += delta;
  if (j < 0 || j >= entries.length) return;
  [entries[i], entries[j]] = [entries[j], entries[i]];
  patchQueue({ entries });
}

export function clearFinishedFromQueue(): void {
  patchQueue({ entries: get().queue.entries.filter((e) => e.state === 'waiting' || e.state === 'running') });
}

/** Starts (or continues) the queue after a Stop or Reset paused it. */
export function runQueue(): void {
  // The queue's first run would replace an interrupted run's record too: pump asks first, as Start does.
  goOn();
}

export function dismissQueueNotice(): void {
  patchQueue({ notice: null });
}

function finish(entry: QueueEntry, run: RunRecord, savedId: string | null, message: string | null): void {
  pendingRun = null;
  const state = run.outcome === 'completed' ? 'done' : run.outcome === 'stopped' ? 'stopped' : 'failed';
  patchEntry(entry.id, { state, savedId, step: run.history.reduce((m, h) => Math.max(m, h.step), 0), message: message ?? run.message ?? null });
  // Stop pauses the queue: the person pressed it to halt, not to skip one entry.
  if (state === 'stopped') patchQueue({ active: false });
  if (savedId) void addToComparison(savedId);
}

let reacting = false;

/** Follows the running entry through the store's changes; starts the next one when the worker is free. */
export function onStoreChange(s: AppState, prev: AppState): void {
  if (reacting) return;
  reacting = true;
  try {
    const entry = running(s);
    if (entry) {
      if (s.progress && s.progress !== prev.progress) patchEntry(entry.id, { step: s.progress.step }, false);
      if (s.lastRun && s.lastRun !== prev.lastRun) pendingRun = s.lastRun;
      if (pendingRun) {
        const fingerprint = runFingerprint(pendingRun);
        const saved = s.savedRuns.find((r) => r.fingerprint === fingerprint);
        if (saved) finish(entry, pendingRun, saved.id, null);
        else if (s.savedRunsInfo.problem && s.savedRunsInfo.problem !== prev.savedRunsInfo.problem) finish(entry, pendingRun, null, s.savedRunsInfo.problem);
      } else if (s.runState === 'error' && prev.runState !== 'error') {
        patchEntry(entry.id, { state: 'failed', message: s.statusMessage ?? 'the run failed' });
      } else if (s.runState === 'idle' && prev.runState !== 'idle') {
        // Reset: the entry goes back to waiting and the queue pauses until Run queue.
        patchEntry(entry.id, { state: 'waiting', step: 0 });
        patchQueue({ active: false });
      }
    }
    pump();
  } finally {
    reacting = false;
  }
}

let unsubscribe: (() => void) | null = null;

/** Once per page, after the URL was read: restores a stored queue and starts following the store. */
export function initQueue(text: string | null = loadQueueText()): void {
  const { queue, dropped } = parseStoredQueue(text);
  if (queue || dropped) {
    const notice = [queue?.notice, dropped ? `${dropped} queued experiment${dropped > 1 ? 's' : ''} could not be read back and ${dropped > 1 ? 'were' : 'was'} dropped.` : null].filter(Boolean).join(' ');
    patchQueue({ ...(queue ?? { entries: [], active: false }), notice: notice || null });
  }
  unsubscribe?.();
  unsubscribe = useStore.subscribe(onStoreChange);
  pump();
}
