import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig, type ExperimentConfig } from '../../core/config/schema';
import { answer } from '../ask/actions';
import { MemoryRunStore } from '../runs/db';
import { setRunStoreForTests } from '../runs/persist';
import { initialState, useStore } from '../store';
import { runAllFromLink } from './actions';

// No worker in Node: what Run all sends to it is recorded instead.
const sent = vi.hoisted(() => [] as { type: string; config?: ExperimentConfig }[]);
vi.mock('../workerClient', () => ({ connectWorker: () => {}, terminateWorker: () => {}, sendToWorker: (msg: { type: string }) => sent.push(msg) }));

const state = () => useStore.getState();
const base = { ...defaultConfig('rotation'), steps: 3, batch: 8, n: 64, width: 4, probeTrain: 50, probeTest: 50 };
const linked = [
  { ...base, seed: 11 },
  { ...base, seed: 12 },
];
const starts = () => sent.filter((m) => m.type === 'start').map((m) => m.config!.seed);

beforeEach(() => {
  // The page as a comparison link opens it: the link's base in the controls, its runs waiting for Run all.
  useStore.setState({ ...initialState(base), link: { runs: linked, hide: [] } });
  setRunStoreForTests(new MemoryRunStore());
  sent.length = 0;
});

describe("a comparison link's Run all asks before replacing edited settings", () => {
  it('unedited controls: the runs are queued and the first starts at once', () => {
    runAllFromLink();
    expect(state().question).toBe(null);
    expect(starts()).toEqual([11]);
    expect(state().queue.entries.map((e) => e.config.seed)).toEqual([11, 12]);
    expect(state().link.runs).toBe(null);
  });

  it('edited controls: asks, naming the edit; Cancel keeps the edit and the runs, the choice runs them all', () => {
    useStore.setState({ config: { ...state().config, batch: 16 } });
    runAllFromLink();
    const q = state().question!;
    expect(q.text).toMatch(/^You changed Batch size 8 → 16\. Run all puts each of the link's experiments into the controls in turn/);
    expect(q.choices.map((c) => c.testId)).toEqual(['ask-run-all']);
    expect(q.focusCancel).toBe(true);
    answer(null);
    expect(starts()).toEqual([]);
    expect(state().config.batch).toBe(16);
    expect(state().queue.entries).toEqual([]);
    expect(state().link.runs).toEqual(linked);

    runAllFromLink();
    answer(state().question!.choices[0]);
    expect(starts()).toEqual([11]);
    expect(state().config).toMatchObject({ seed: 11, batch: 8 });
    expect(state().link.runs).toBe(null);
  });
});
