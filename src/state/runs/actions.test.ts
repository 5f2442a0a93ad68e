import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_KEYS } from '../../core/config/methods';
import { defaultConfig } from '../../core/config/schema';
import type { RunRecord } from '../../core/train/run';
import { initialState, useStore } from '../store';
import { deleteRun, importRunFile, loadSavedRuns, saveFinishedRun, viewRun } from './actions';
import { MemoryRunStore } from './db';
import { realRun, realRunJson } from './fixture';
import { setRunStoreForTests } from './persist';
import { closeRunsChannel } from './sync';

// No worker in Node: viewRun asks it for an augmentation preview.
const sent = vi.hoisted(() => [] as unknown[]);
vi.mock('../workerClient', () => ({
  connectWorker: () => {},
  terminateWorker: () => {},
  sendToWorker: (msg: unknown) => sent.push(msg),
}));

const state = () => useStore.getState();
const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

beforeEach(() => {
  useStore.setState(initialState(defaultConfig('simclr')));
  setRunStoreForTests(new MemoryRunStore());
  sent.length = 0;
});

describe('saved runs: store actions (memory store; IndexedDB is covered in e2e)', () => {
  it('starts with an empty, loaded list', async () => {
    expect(state().savedRunsInfo.status).toBe('loading');
    await loadSavedRuns();
    expect(state().savedRuns).toEqual([]);
    expect(state().savedRunsInfo.status).toBe('ready');
  });

  it('a finished run is saved and listed; the charts are marked as showing it', async () => {
    const run = realRun();
    useStore.setState({ lastRun: run });
    await saveFinishedRun(run);
    expect(state().savedRuns).toHaveLength(1);
    expect(state().savedRuns[0]).toMatchObject({ method: 'rotation', steps: 3, outcome: 'completed', backend: 'wasm' });
    expect(state().savedRunsInfo.viewing).toBe(state().savedRuns[0].id);
  });

  it('a run from the worker that fails validation is not saved, and the panel says why', async () => {
    const bad = { ...realRun(), final: { ...realRun().final, probeAccuracy: NaN } } as RunRecord;
    await saveFinishedRun(bad);
    expect(state().savedRuns).toEqual([]);
    expect(state().savedRunsInfo.problem).toBe('This run was not saved: final.probeAccuracy: expected a number, got NaN');
  });

  it('viewRun puts the run on the charts and its config in the controls and the URL', async () => {
    await saveFinishedRun(realRun());
    const id = state().savedRuns[0].id;
    expect(state().config.method).toBe('simclr');
    expect(await viewRun(id)).toBe(true);
    expect(state().config).toEqual(realRun().config);
    expect(state().history).toEqual(realRun().history);
    expect(state().lastRun).toEqual(realRun());
    expect(state().progress).toMatchObject({ step: 3, totalSteps: 3 });
    expect(state().runState).toBe('done');
    expect(state().savedRunsInfo.viewing).toBe(id);
    expect(sent).toEqual([{ type: 'preview', config: realRun().config, requestId: expect.any(Number) }]);
    // Rotation has no metrics of its own; the run's embedding width comes from its final numbers.
    expect(state().runInfo).toEqual({ embeddingDim: 16, parameters: NaN, extraMetrics: [] });
  });

  it('a saved run shows its method panel: the method\'s own metrics are found in its history', async () => {
    const run = realRun();
    run.history[3] = { ...run.history[3], queueFill: 0.5 };
    await saveFinishedRun(run);
    expect(await viewRun(state().savedRuns[0].id)).toBe(true);
    expect(state().runInfo?.extraMetrics).toEqual(['queueFill']);
  });

  it('viewRun is refused while a run is going', async () => {
    await saveFinishedRun(realRun());
    useStore.setState({ runState: 'running', history: [{ step: 1, loss: 2 }] });
    expect(await viewRun(state().savedRuns[0].id)).toBe(false);
    expect(state().config.method).toBe('simclr');
    expect(state().history).toEqual([{ step: 1, loss: 2 }]);
  });

  it('deleteRun removes it from the list', async () => {
    await saveFinishedRun(realRun());
    await deleteRun(state().savedRuns[0].id);
    expect(state().savedRuns).toEqual([]);
  });

  it('importRunFile adds a valid file; refuses a bad one with reasons and keeps the list', async () => {
    expect(await importRunFile(file('run.json', JSON.stringify(realRunJson())))).toBe(true);
    expect(state().savedRuns).toHaveLength(1);
    expect(state().savedRunsInfo.importErrors).toEqual([]);

    const broken = realRunJson();
    broken.config.method = 'word2vec';
    delete (broken as Record<string, unknown>).history;
    expect(await importRunFile(file('broken.json', JSON.stringify(broken)))).toBe(false);
    expect(state().savedRunsInfo.importErrors).toEqual([
      'broken.json was not imported:',
      `config.method: unknown method "word2vec" (known: ${METHOD_KEYS.join(', ')})`,
      'history: missing',
    ]);
    expect(state().savedRuns).toHaveLength(1);

    expect(await importRunFile(file('again.json', JSON.stringify(realRun())))).toBe(false);
    expect(state().savedRunsInfo.importErrors[1]).toMatch(/^this run is saved already/);
    expect(await importRunFile(file('empty.json', ''))).toBe(false);
    expect(state().savedRunsInfo.importErrors).toEqual(['empty.json was not imported:', 'empty.json is empty']);
    expect(state().savedRuns).toHaveLength(1);
  });

  it('two tabs: a save elsewhere reaches this list; a run deleted elsewhere is named by its label, not its id', async () => {
    const store = new MemoryRunStore();
    setRunStoreForTests(store);
    await loadSavedRuns();
    // "Another tab": writes to the same store and says so on the channel, as persist.ts does.
    const other = new BroadcastChannel('ssl-playground-runs');
    const saved = await store.save(realRun(), Date.UTC(2026, 0, 2, 3, 4));
    other.postMessage({ type: 'runs-changed' });
    await vi.waitFor(() => expect(state().savedRuns.map((r) => r.id)).toEqual([saved.id]));

    await store.delete(saved.id);
    expect(await viewRun(saved.id)).toBe(false);
    const when = new Date(saved.savedAt).toLocaleString();
    expect(state().savedRunsInfo.problem).toBe(`The Rotation prediction run saved ${when} is no longer saved: it was deleted in another tab.`);
    expect(state().savedRunsInfo.problem).not.toContain(saved.id);
    expect(state().savedRuns).toEqual([]);

    // The run on the charts deleted elsewhere: the list drops it and the panel says which one it was.
    const again = await store.save(realRun(), Date.UTC(2026, 0, 3));
    await loadSavedRuns();
    expect(await viewRun(again.id)).toBe(true);
    await store.delete(again.id);
    other.postMessage({ type: 'runs-changed' });
    await vi.waitFor(() => expect(state().savedRunsInfo.viewing).toBe(null));
    expect(state().savedRunsInfo.problem).toBe(`The Rotation prediction run saved ${new Date(again.savedAt).toLocaleString()} was deleted in another tab; the charts still show it until you start or view another.`);
    other.close();
  });
});

afterAll(() => closeRunsChannel());
