import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../core/config/schema';
import type { TrainerCheckpoint } from '../../core/train/checkpoint';
import { initialState, useStore } from '../store';
import { clearInProgress, discardInterrupted, keepCheckpoint, loadInterrupted, resumeInterrupted, setProgressStoreForTests } from './progress';
import { openProgressStore, PROGRESS_SCHEMA, readProgress, type InProgressRun, type ProgressStore } from './progressDb';

const sent = vi.hoisted(() => [] as unknown[]);
vi.mock('../workerClient', () => ({ connectWorker: () => {}, terminateWorker: () => {}, sendToWorker: (msg: unknown) => sent.push(msg) }));

const t = (values: number[], shape = [values.length]) => ({ shape, values: new Float32Array(values) });
const checkpoint = (step: number): TrainerCheckpoint => ({
  version: 2,
  step,
  weights: [t([1, 2])],
  targets: [],
  buffers: [],
  optimizer: { kind: 'adam', step, slots: [[t([0.1, 0.2]), t([0.01, 0.02])]] },
  method: { tensors: {}, numbers: {} },
});
const history = (step: number) => [{ step: 0, probeAccuracy: 0.1 }, ...Array.from({ length: step }, (_, i) => ({ step: i + 1, loss: 3 - i * 0.01 }))];
const state = () => useStore.getState();

beforeEach(async () => {
  useStore.setState(initialState(defaultConfig('simclr')));
  setProgressStoreForTests(await openProgressStore(undefined));
  sent.length = 0;
});

describe('the run in progress survives a reload', () => {
  it('checkpoints are kept in order, listed after a "reload", resumed with their config and rows', async () => {
    const config = { ...defaultConfig('moco'), steps: 40 };
    useStore.setState({ config, runState: 'running' });
    await Promise.all([10, 20].map((s) => keepCheckpoint({ type: 'checkpoint', checkpoint: checkpoint(s), history: history(s), ms: 3 })));
    expect(state().savedRunsInfo.checkpointCost).toMatchObject({ takeMs: 3, step: 20, bytes: 24 + JSON.stringify(history(20)).length });
    // A reload: a fresh page state, the same store.
    useStore.setState(initialState(defaultConfig('simclr')));
    await loadInterrupted();
    expect(state().savedRunsInfo.interrupted).toMatchObject({ method: 'moco', step: 20, totalSteps: 40 });
    expect(await resumeInterrupted()).toBe(true);
    expect(state().config).toEqual(config);
    expect(state().runState).toBe('loading');
    expect(state().savedRunsInfo.interrupted).toBe(null);
    expect(sent).toEqual([{ type: 'start', config, resume: { checkpoint: checkpoint(20), history: history(20) } }]);
  });

  it('Discard and a finished run leave nothing; a clear never overtakes an earlier write', async () => {
    void keepCheckpoint({ type: 'checkpoint', checkpoint: checkpoint(10), history: history(10), ms: 1 });
    await clearInProgress();
    await loadInterrupted();
    expect(state().savedRunsInfo.interrupted).toBe(null);
    await keepCheckpoint({ type: 'checkpoint', checkpoint: checkpoint(10), history: history(10), ms: 1 });
    await loadInterrupted();
    expect(state().savedRunsInfo.interrupted).not.toBe(null);
    await discardInterrupted();
    await loadInterrupted();
    expect(state().savedRunsInfo.interrupted).toBe(null);
  });

  it('a quota error is said in words and the run goes on; the previous record stays', async () => {
    const full: ProgressStore = {
      put: async () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      get: async () => ({ ok: true, record: null }),
      clear: async () => {},
    };
    setProgressStoreForTests(full);
    await keepCheckpoint({ type: 'checkpoint', checkpoint: checkpoint(10), history: history(10), ms: 1 });
    expect(state().savedRunsInfo.problem).toBe("The run's progress could not be kept (the browser's storage for this site is full); it goes on, but a reload now would lose it.");
  });

  it('readProgress refuses what it cannot trust, saying why', () => {
    const good: InProgressRun = { schema: PROGRESS_SCHEMA, savedAt: 5, config: defaultConfig('simclr'), checkpoint: checkpoint(2), history: history(2) };
    expect(readProgress(good).ok).toBe(true);
    expect(readProgress({ ...good, schema: 9 })).toEqual({ ok: false, problem: 'record schema 9; this app reads 1' });
    expect(readProgress({ ...good, savedAt: 8.64e15 + 1 })).toEqual({ ok: false, problem: 'savedAt is not a time' });
    expect(readProgress({ ...good, history: history(3) })).toEqual({ ok: false, problem: 'history does not end at the checkpoint step' });
    expect(readProgress({ ...good, checkpoint: { ...checkpoint(2), weights: [{ shape: [2], values: [1, 2] }] } }).ok).toBe(false);
    // A method's own arrays and optimisers (DeepCluster's clustering, inpainting's discriminator) are checked too.
    const withMethod = (method: object) => readProgress({ ...good, checkpoint: { ...checkpoint(2), method: { tensors: {}, numbers: {}, ...method } } });
    const adam = checkpoint(2).optimizer;
    expect(withMethod({ arrays: { assignments: new Int32Array([0, 1]) }, optimisers: { discriminator: adam } }).ok).toBe(true);
    expect(withMethod({ arrays: { assignments: [0, 1] } })).toMatchObject({ ok: false, problem: expect.stringMatching(/^checkpoint: /) });
    expect(withMethod({ optimisers: { discriminator: { ...adam, step: -1 } } }).ok).toBe(false);
  });

  it('an interrupted run kept by the previous version (checkpoint v1: tfjs Adam, config without the v3 knobs) is read as what it was', () => {
    const { batchNorm: _b, depth: _d, optimizer: _o, weightDecay: _w, warmup: _u, schedule: _s, ...oldConfig } = defaultConfig('simclr');
    const adam = { iterations: 2, accBeta1: 0.9 ** 3, accBeta2: 0.999 ** 3, firstMoments: [t([0.1, 0.2])], secondMoments: [t([0.01, 0.02])] };
    const { buffers: _f, optimizer: _p, ...rest } = checkpoint(2);
    const r = readProgress({ schema: PROGRESS_SCHEMA, savedAt: 5, config: oldConfig, checkpoint: { ...rest, version: 1, adam }, history: history(2) });
    expect(r.ok && r.record.config).toMatchObject({ batchNorm: false, depth: 3, optimizer: 'adam', weightDecay: 0, warmup: 0, schedule: 'constant' });
    expect(r.ok && r.record.checkpoint).toEqual(checkpoint(2));
  });
});
