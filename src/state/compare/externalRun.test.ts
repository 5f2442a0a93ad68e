import { beforeEach, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../core/config/schema';
import type { RunRecord } from '../../core/train/run';
import { MemoryRunStore } from '../runs/db';
import { realRun } from '../runs/fixture';
import { addSummary, setRunStoreForTests } from '../runs/persist';
import { summarize } from '../runs/summary';
import { initialState, useStore } from '../store';
import { addToComparison } from './actions';
import { selectComparedRuns } from './selectors';

vi.mock('../workerClient', () => ({ connectWorker: () => {}, terminateWorker: () => {}, sendToWorker: () => {} }));

let store: MemoryRunStore;
beforeEach(() => {
  useStore.setState(initialState(defaultConfig('rotation')));
  store = new MemoryRunStore();
  setRunStoreForTests(store);
});

it('a run trained by the exported PyTorch project is labelled with where it ran; a browser run of the same config is not', async () => {
  const where = 'PyTorch 1.13.0 on node17: 2 processes, 2× NVIDIA H200';
  const ids: string[] = [];
  for (const [backend, wallSeconds] of [['wasm', 1], [where, 2]] as const) {
    const run: RunRecord = { ...realRun(), backend, wallSeconds };
    const s = await store.save(run);
    addSummary(summarize(s));
    ids.push(s.id);
  }
  for (const id of ids) expect(await addToComparison(id)).toBe(true);
  const labels = selectComparedRuns(useStore.getState()).map((r) => r.label);
  expect(labels).toHaveLength(2);
  expect(labels[0]).not.toContain('PyTorch');
  expect(labels[1]).toBe(`${labels[0].replace(/ · #1$/, ' · #2')} · ${where}`);
});
