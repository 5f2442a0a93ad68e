import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../core/config/schema';
import type { RunRecord } from '../../core/train/run';
import { MemoryRunStore } from '../runs/db';
import { realRun } from '../runs/fixture';
import { setRunStoreForTests, addSummary } from '../runs/persist';
import { summarize } from '../runs/summary';
import { initialState, useStore } from '../store';
import { addToComparison, removeFromComparison, setSmoothing, sortBy } from './actions';
import { PALETTE } from './palette';
import { selectComparedRuns } from './selectors';
import { LIVE_ID } from './types';

vi.mock('../workerClient', () => ({ connectWorker: () => {}, terminateWorker: () => {}, sendToWorker: () => {} }));

const state = () => useStore.getState();
let store: MemoryRunStore;

async function saved(seed: number, params: Record<string, boolean> = {}): Promise<string> {
  const base = realRun();
  const run: RunRecord = { ...base, wallSeconds: seed, config: { ...base.config, seed, params: { ...base.config.params, ...params } } };
  const s = await store.save(run);
  addSummary(summarize(s));
  return s.id;
}

beforeEach(() => {
  useStore.setState(initialState(defaultConfig('rotation')));
  store = new MemoryRunStore();
  setRunStoreForTests(store);
});

describe('comparison state', () => {
  it('loads ticked runs’ records, labels them by what differs and keeps each run’s colour', async () => {
    const a = await saved(1);
    const b = await saved(2);
    const c = await saved(3, { rotAugment: true });
    for (const id of [a, b, c]) expect(await addToComparison(id)).toBe(true);
    let runs = selectComparedRuns(state());
    expect(runs.map((r) => r.label)).toEqual(['Rotation prediction · seed 1 · rotAugment off', 'Rotation prediction · seed 2 · rotAugment off', 'Rotation prediction · seed 3 · rotAugment on']);
    expect(runs.map((r) => r.color)).toEqual([PALETTE[0], PALETTE[1], PALETTE[2]]);
    // The same state gives the same array (zustand re-renders on a new one).
    expect(selectComparedRuns(state())).toBe(runs);
    removeFromComparison(a);
    const d = await saved(4);
    await addToComparison(d);
    runs = selectComparedRuns(state());
    expect(runs.map((r) => [r.id, r.color])).toEqual([[b, PALETTE[1]], [c, PALETTE[2]], [d, PALETTE[0]]]);
  });

  it('includes the run on the charts while it trains, and drops a deleted saved run', async () => {
    const a = await saved(1);
    await addToComparison(a);
    await addToComparison(LIVE_ID);
    useStore.setState({ history: [{ step: 1, loss: 2 }], config: { ...defaultConfig('rotation'), seed: 9 } });
    const runs = selectComparedRuns(state());
    expect(runs.map((r) => [r.id, r.record === null])).toEqual([[a, false], [LIVE_ID, true]]);
    expect(runs[1].label).toContain('seed 9');
    useStore.setState({ savedRuns: [] });
    expect(selectComparedRuns(state()).map((r) => r.id)).toEqual([LIVE_ID]);
  });

  it('refuses a 13th run and an unreadable one, with the reason', async () => {
    for (let i = 0; i < PALETTE.length; i++) await addToComparison(await saved(i + 1));
    expect(await addToComparison(await saved(99))).toBe(false);
    expect(state().compare.problem).toBe(`At most ${PALETTE.length} runs are compared at once; untick one first.`);
    removeFromComparison(state().compare.selected[0]);
    expect(await addToComparison('no-such-id')).toBe(false);
    expect(state().compare.problem).toMatch(/^That run cannot be compared:/);
  });

  it('clamps smoothing and reverses the sort on a second click', () => {
    setSmoothing(5);
    expect(state().compare.smoothing).toBe(0.99);
    setSmoothing(-1);
    expect(state().compare.smoothing).toBe(0);
    sortBy('probeAccuracy');
    expect(state().compare.sort).toEqual({ key: 'probeAccuracy', dir: 'asc' });
    sortBy('probeAccuracy');
    expect(state().compare.sort).toEqual({ key: 'probeAccuracy', dir: 'desc' });
  });
});
