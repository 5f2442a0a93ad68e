import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../core/config/schema';
import { CHECKPOINT_VERSION, type TrainerCheckpoint } from '../../core/train/checkpoint';
import type { RunRecord } from '../../core/train/run';
import { handleWorkerMessage } from '../actions';
import { answer } from '../ask/actions';
import { LIVE_ID } from '../compare/types';
import { MemoryRunStore } from '../runs/db';
import { realRun } from '../runs/fixture';
import { setRunStoreForTests } from '../runs/persist';
import { keepCheckpoint, loadInterrupted, setProgressStoreForTests } from '../runs/progress';
import { openProgressStore } from '../runs/progressDb';
import { initialState, useStore } from '../store';
import { addAllToQueue, addToQueue, initQueue, moveInQueue, removeFromQueue, runQueue } from './actions';
import { parseStoredQueue, serializeQueue } from './storage';

// No worker in Node: what the queue sends to it is recorded instead.
const sent = vi.hoisted(() => [] as { type: string; config?: ExperimentConfig }[]);
vi.mock('../workerClient', () => ({
  connectWorker: () => {},
  terminateWorker: () => {},
  sendToWorker: (msg: { type: string }) => sent.push(msg),
}));

const state = () => useStore.getState();
const base = { ...defaultConfig('rotation'), steps: 3, batch: 8, n: 64, width: 4, probeTrain: 50, probeTest: 50 };
const cfg = (seed: number): ExperimentConfig => ({ ...base, seed });
const starts = () => sent.filter((m) => m.type === 'start').map((m) => m.config!.seed);
const flush = () => new Promise((r) => setTimeout(r, 0));
/** Progress reaches the store once per animation frame (a 16 ms timer in Node): wait one out. */
const nextFrame = () => new Promise((r) => setTimeout(r, 20));

/** What the worker sends for a run that completes: its record, then the done state. */
async function finishRun(seed: number, outcome: RunRecord['outcome'] = 'completed'): Promise<void> {
  handleWorkerMessage({ type: 'state', state: 'running' });
  handleWorkerMessage({ type: 'progress', progress: { step: 2, totalSteps: 3, stepsPerSecond: 10, etaSeconds: 0.1 } });
  const run = { ...realRun(), config: cfg(seed), wallSeconds: seed + 0.5, outcome };
  handleWorkerMessage({ type: 'done', run });
  handleWorkerMessage({ type: 'state', state: outcome === 'completed' ? 'done' : 'stopped' });
  await flush();
  await flush();
}

beforeEach(async () => {
  useStore.setState(initialState(base));
  setRunStoreForTests(new MemoryRunStore());
  setProgressStoreForTests(await openProgressStore(undefined));
  sent.length = 0;
  initQueue(null);
});

describe('queue', () => {
  it('runs entries one after another, in order; each finished run is saved and joins the comparison', async () => {
    addAllToQueue([cfg(1), cfg(2), cfg(3)], true);
    expect(starts()).toEqual([1]);
    expect(state().queue.entries.map((e) => e.state)).toEqual(['running', 'waiting', 'waiting']);
    expect(state().config.seed).toBe(1);
    handleWorkerMessage({ type: 'progress', progress: { step: 2, totalSteps: 3, stepsPerSecond: 10, etaSeconds: 0.1 } });
    await nextFrame();
    expect(state().queue.entries[0].step).toBe(2);
    await finishRun(1);
    expect(starts()).toEqual([1, 2]);
    await finishRun(2);
    await finishRun(3);
    expect(starts()).toEqual([1, 2, 3]);
    const q = state().queue.entries;
    expect(q.map((e) => e.state)).toEqual(['done', 'done', 'done']);
    expect(state().savedRuns.map((r) => r.seed).sort()).toEqual([1, 2, 3]);
    await flush();
    expect(state().compare.selected.sort()).toEqual(q.map((e) => e.savedId).sort());
    expect(state().compare.selected).not.toContain(LIVE_ID);
    // Worked through: the queue turns itself off, so the next entry waits for Run queue.
    expect(state().queue.active).toBe(false);
    addToQueue(cfg(9));
    expect(starts()).toEqual([1, 2, 3]);
  });

  it('waits for Run queue: entries added one by one do not start by themselves', () => {
    addToQueue(cfg(1));
    addToQueue(cfg(2));
    expect(starts()).toEqual([]);
    runQueue();
    expect(starts()).toEqual([1]);
    // Added while the queue runs: picked up in turn.
    addToQueue(cfg(3));
    expect(state().queue.entries.map((e) => e.state)).toEqual(['running', 'waiting', 'waiting']);
  });

  it('moves and removes waiting entries before they start', async () => {
    addAllToQueue([cfg(1), cfg(2), cfg(3), cfg(4)], true);
    const [running, two, three, four] = state().queue.entries.map((e) => e.id);
    moveInQueue(four, -1);
    moveInQueue(four, -1);
    // The running entry cannot be passed, moved or removed.
    moveInQueue(four, -1);
    moveInQueue(running, 1);
    removeFromQueue(running);
    removeFromQueue(three);
    expect(state().queue.entries.map((e) => e.id)).toEqual([running, four, two]);
    await finishRun(1);
    await finishRun(4);
    await finishRun(2);
    expect(starts()).toEqual([1, 4, 2]);
  });

  it('Stop pauses the queue after saving the stopped run', async () => {
    addAllToQueue([cfg(1), cfg(2)], true);
    await finishRun(1, 'stopped');
    expect(state().queue.entries.map((e) => e.state)).toEqual(['stopped', 'waiting']);
    expect(state().queue.active).toBe(false);
    expect(starts()).toEqual([1]);
    addToQueue(cfg(5));
    expect(starts()).toEqual([1]);
    runQueue();
    expect(starts()).toEqual([1, 2]);
  });

  it('a reload keeps the queue; with no checkpoint kept the interrupted entry restarts from step 0 and says so', async () => {
    addAllToQueue([cfg(1), cfg(2), cfg(3)], true);
    await finishRun(1);
    // What storage.ts writes to localStorage after every change.
    const stored = serializeQueue(state().queue);
    expect(JSON.parse(stored).entries.map((e: { state: string }) => e.state)).toEqual(['done', 'running', 'waiting']);
    // The page reloads: a fresh store, the same stored text.
    useStore.setState(initialState(base));
    sent.length = 0;
    initQueue(stored);
    const q = state().queue;
    expect(q.entries.map((e) => [e.config.seed, e.state])).toEqual([[1, 'done'], [2, 'running'], [3, 'waiting']]);
    expect(q.entries[1].message).toMatch(/reloaded while this run was training: it goes on from its last checkpoint if one was kept \(you are asked first\), else from step 0/);
    expect(q.notice).toMatch(/else from step 0/);
    expect(starts()).toEqual([2]);
  });

  describe('a reload during a queued run that kept a checkpoint', () => {
    const t = (values: number[]) => ({ shape: [values.length], values: new Float32Array(values) });
    const checkpoint: TrainerCheckpoint = { version: CHECKPOINT_VERSION, step: 2, weights: [t([1])], targets: [], buffers: [], optimizer: { kind: 'adam', step: 2, slots: [[t([0]), t([0])]] }, method: { tensors: {}, numbers: {} } };
    const history = [1, 2].map((step) => ({ step, loss: 2 }));
    const resumes = () => sent.filter((m) => m.type === 'start' && 'resume' in m).map((m) => m.config!.seed);

    /** Runs entry 1, lets entry 2 keep a checkpoint (its config is the controls' then), and reloads the page. */
    async function reloadDuringSecond(): Promise<void> {
      addAllToQueue([cfg(1), cfg(2), cfg(3)], true);
      await finishRun(1);
      await keepCheckpoint({ type: 'checkpoint', checkpoint, history, ms: 1 });
      const stored = serializeQueue(state().queue);
      useStore.setState(initialState(base));
      sent.length = 0;
      // main.tsx's order: the URL (which starts looking for an interrupted run), then the queue.
      const looking = loadInterrupted();
      initQueue(stored);
      await looking;
      await flush();
    }

    it('pauses and offers Resume of that entry; Cancel starts nothing; Resume continues it and the queue follows', async () => {
      await reloadDuringSecond();
      const q = state().question!;
      expect(q.title).toBe('Resume the queued run?');
      expect(q.text).toBe('The page was reloaded while the queued Rotation prediction run was training. It is kept at step 2 of 3 and can go on where it stopped; the rest of the queue follows.');
      expect(q.choices.map((c) => c.testId)).toEqual(['ask-resume', 'ask-discard']);
      expect(state().queue.active).toBe(false);
      expect(sent).toEqual([]);
      answer(null);
      expect(sent).toEqual([]);
      expect(state().savedRunsInfo.interrupted).toMatchObject({ step: 2 });
      // Run queue asks again; Resume it sends the checkpoint, not a fresh start.
      runQueue();
      answer(state().question!.choices[0]);
      for (let i = 0; i < 50 && resumes().length === 0; i++) await flush();
      expect(resumes()).toEqual([2]);
      expect(starts()).toEqual([2]);
      expect(state().queue.entries.map((e) => [e.config.seed, e.state, e.step])).toEqual([[1, 'done', 0], [2, 'running', 2], [3, 'waiting', 0]]);
      expect(state().queue.active).toBe(true);
      await finishRun(2);
      expect(starts()).toEqual([2, 3]);
      expect(resumes()).toEqual([2]);
      expect(state().queue.entries.map((e) => e.state)).toEqual(['done', 'done', 'running']);
    });

    it('Start it again: the record is discarded and the entry starts from step 0', async () => {
      await reloadDuringSecond();
      answer(state().question!.choices[1]);
      for (let i = 0; i < 50 && starts().length === 0; i++) await flush();
      expect(starts()).toEqual([2]);
      expect(resumes()).toEqual([]);
      expect(state().savedRunsInfo.interrupted).toBe(null);
      expect(state().queue.entries[1].message).toMatch(/^Started again from step 0 after a reload/);
    });

    it("another experiment's interrupted run is asked about as Start asks", async () => {
      useStore.setState({ config: cfg(7) });
      await keepCheckpoint({ type: 'checkpoint', checkpoint, history, ms: 1 });
      useStore.setState(initialState(base));
      await loadInterrupted();
      addAllToQueue([cfg(1)], true);
      expect(state().question?.title).toBe('Resume the interrupted run?');
      expect(starts()).toEqual([]);
    });
  });

  it('drops stored entries that do not validate and says how many', () => {
    const good = JSON.parse(serializeQueue({ entries: [{ id: 'a', config: cfg(1), state: 'waiting', step: 0, savedId: null, message: null }], active: true, notice: null }));
    good.entries.push({ id: 'b', config: { ...cfg(2), lr: 1e308 }, state: 'waiting' }, { id: '<script>', config: '<img onerror=x>', state: 'waiting' });
    const { queue, dropped } = parseStoredQueue(JSON.stringify(good));
    expect(queue!.entries.map((e) => e.id)).toEqual(['a']);
    expect(dropped).toBe(2);
    expect(parseStoredQueue('not json')).toEqual({ queue: null, dropped: 1 });
  });
});
