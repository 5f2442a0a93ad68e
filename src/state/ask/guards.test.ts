import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../core/config/schema';
import { CHECKPOINT_VERSION, type TrainerCheckpoint } from '../../core/train/checkpoint';
import { initialState, useStore } from '../store';
import { MemoryRunStore } from '../runs/db';
import { realRun } from '../runs/fixture';
import { setRunStoreForTests } from '../runs/persist';
import { keepCheckpoint, loadInterrupted, setProgressStoreForTests } from '../runs/progress';
import { openProgressStore } from '../runs/progressDb';
import { answer } from './actions';
import { configChanges, describeChanges } from './configChanges';
import { openLinkAskingFirst, startAskingFirst, viewAskingFirst } from './guards';

const sent = vi.hoisted(() => [] as { type: string }[]);
vi.mock('../workerClient', () => ({ connectWorker: () => {}, terminateWorker: () => {}, sendToWorker: (msg: { type: string }) => sent.push(msg) }));

const state = () => useStore.getState();
const t = (values: number[]) => ({ shape: [values.length], values: new Float32Array(values) });
const checkpoint: TrainerCheckpoint = { version: CHECKPOINT_VERSION, step: 10, weights: [t([1])], targets: [], buffers: [], optimizer: { kind: 'adam', step: 10, slots: [[t([0]), t([0])]] }, method: { tensors: {}, numbers: {} } };
const history = Array.from({ length: 10 }, (_, i) => ({ step: i + 1, loss: 2 }));
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
};

beforeEach(async () => {
  useStore.setState(initialState(defaultConfig('simclr')));
  setProgressStoreForTests(await openProgressStore(undefined));
  setRunStoreForTests(new MemoryRunStore());
  sent.length = 0;
});

async function interruptedMoco(): Promise<void> {
  useStore.setState({ config: { ...defaultConfig('moco'), steps: 40 } });
  await keepCheckpoint({ type: 'checkpoint', checkpoint, history, ms: 1 });
  useStore.setState(initialState(defaultConfig('simclr')));
  await loadInterrupted();
}

describe('Start never silently replaces an interrupted run', () => {
  it('with nothing interrupted, Start starts at once', () => {
    const startNew = vi.fn();
    startAskingFirst(startNew);
    expect(startNew).toHaveBeenCalledTimes(1);
    expect(state().question).toBe(null);
  });

  it('asks Resume / Discard and start new / Cancel; Cancel leaves both runs alone', async () => {
    await interruptedMoco();
    const startNew = vi.fn();
    startAskingFirst(startNew);
    const q = state().question!;
    expect(q.title).toBe('Resume the interrupted run?');
    expect(q.text).toBe('The MoCo run interrupted at step 10 of 40 is kept and can go on where it stopped. A new run would replace it.');
    expect(q.choices.map((c) => c.testId)).toEqual(['ask-resume', 'ask-discard']);
    answer(null);
    expect(state().question).toBe(null);
    expect(startNew).not.toHaveBeenCalled();
    expect(state().savedRunsInfo.interrupted).toMatchObject({ step: 10 });
  });

  it('a Start pressed while the page is still looking for an interrupted run waits for the answer, then asks', async () => {
    await interruptedMoco();
    useStore.setState(initialState(defaultConfig('simclr')));
    const looking = loadInterrupted();
    const startNew = vi.fn();
    startAskingFirst(startNew);
    expect(state().question).toBe(null);
    await looking;
    await until(() => state().question !== null);
    expect(state().question?.choices.map((c) => c.testId)).toEqual(['ask-resume', 'ask-discard']);
    expect(startNew).not.toHaveBeenCalled();
  });

  it('Discard and start new: the record goes, then the new run starts', async () => {
    await interruptedMoco();
    const startNew = vi.fn();
    startAskingFirst(startNew);
    answer(state().question!.choices[1]);
    await until(() => startNew.mock.calls.length > 0);
    expect(startNew).toHaveBeenCalledTimes(1);
    expect(state().savedRunsInfo.interrupted).toBe(null);
    await loadInterrupted();
    expect(state().savedRunsInfo.interrupted).toBe(null);
  });

  it('Resume it: the interrupted run goes on with its settings, and the controls say what changed', async () => {
    await interruptedMoco();
    const startNew = vi.fn();
    startAskingFirst(startNew);
    answer(state().question!.choices[0]);
    await until(() => sent.length > 0);
    expect(startNew).not.toHaveBeenCalled();
    expect(sent.map((m) => m.type)).toEqual(['start']);
    expect(state().config.method).toBe('moco');
    expect(state().settingsChanged?.testIds).toContain('method-select');
    expect(state().settingsChanged?.summary).toMatch(/^Resuming the interrupted run\. \d+ settings changed: Method SimCLR → MoCo, Steps 500 → 40/);
  });
});

describe('View and links ask before replacing edited settings', () => {
  const saveRun = async () => {
    const run = { ...realRun(), config: { ...realRun().config, seed: 77 } };
    const store = new MemoryRunStore();
    setRunStoreForTests(store);
    return (await store.save(run)).id;
  };

  it('unedited controls: View applies at once and highlights what changed', async () => {
    const id = await saveRun();
    useStore.setState({ config: { ...state().config, method: 'simclr' } });
    viewAskingFirst(id);
    await until(() => state().savedRunsInfo.viewing === id);
    expect(state().question).toBe(null);
    expect(state().settingsChanged?.testIds).toContain('knob-seed');
    expect(state().settingsChanged?.summary).toContain('Seed 1 → 77');
  });

  it('edited controls: asks, naming the edits; Cancel keeps them, the choice replaces them', async () => {
    const id = await saveRun();
    useStore.setState({ config: { ...state().config, batch: 32 } });
    viewAskingFirst(id);
    const q = state().question!;
    expect(q.text).toMatch(/^You changed Batch size 64 → 32\. The saved run's settings would take their place/);
    expect(q.focusCancel).toBe(true);
    answer(null);
    expect(state().config.batch).toBe(32);
    expect(state().savedRunsInfo.viewing).toBe(null);
    viewAskingFirst(id);
    answer(state().question!.choices[0]);
    await until(() => state().savedRunsInfo.viewing === id);
    expect(state().config.seed).toBe(77);
    // The viewed run's settings are the applied ones now: no edits, so the next View does not ask.
    expect(configChanges(state().appliedConfig, state().config)).toEqual([]);
  });

  it('a link: taken over (and asked) only when the controls hold edits', () => {
    const navigate = vi.fn();
    expect(openLinkAskingFirst('?method=byol', navigate)).toBe(false);
    useStore.setState({ config: { ...state().config, lr: 0.01 } });
    expect(openLinkAskingFirst('?method=byol', navigate)).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
    answer(state().question!.choices[0]);
    expect(navigate).toHaveBeenCalledWith('?method=byol');
  });
});

describe('configChanges names what differs, as the controls name it', () => {
  it('method, knobs of the new method against its defaults, augmentations; words capped', () => {
    const a = defaultConfig('simclr');
    const b = { ...defaultConfig('byol'), seed: 4, aug: { ...a.aug, flip: true } };
    const changes = configChanges(a, b);
    expect(changes.map((c) => c.testId)).toEqual(['method-select', 'knob-seed', 'knob-flip']);
    expect(describeChanges(changes)).toBe('3 settings changed: Method SimCLR → BYOL, Seed 1 → 4, Horizontal flip false → true.');
    expect(describeChanges(changes, 1)).toBe('3 settings changed: Method SimCLR → BYOL, and 2 more.');
    expect(describeChanges([])).toBe('No setting changed.');
  });
});
