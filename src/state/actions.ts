import { AUGMENT_KNOBS, GLOBAL_KNOBS } from '../core/config/globalKnobs';
import { checkKnobValue, type KnobValue } from '../core/config/knobs';
import { isUserDataset, type DatasetKey } from '../core/config/datasets';
import { chooseUserDataset, datasetChannels, forgetWorkerDatasets, loadUserDatasets, withChannelsPipeline, withDatasetInWorker } from './datasets/actions';
import { defaultPipeline } from '../core/config/augmentPresets';
import type { MethodKey } from '../core/config/methods';
import { crossFieldProblems, defaultConfig, methodKnobs, type AugmentConfig, type BackendChoice, type ExperimentConfig } from '../core/config/schema';
import { decodeConfig, encodeConfig } from '../core/config/url';
import { PREVIEW_COUNT, type FromWorker } from '../worker/protocol';
import { connectWorker, sendToWorker, terminateWorker } from './workerClient';
import { loadSavedRuns, saveFinishedRun } from './runs/persist';
import { initialState, useStore, type AppState } from './store';
import { frameBatcher } from './frameBatch';
import type { HistoryRow } from '../core/train/run';
import { withReading } from './inside';
import { clearInProgress, keepCheckpoint, loadInterrupted } from './runs/progress';

/**
 * Actions: plain functions outside components (zustand's recommended pattern), so the worker's
 * message handler can call them too. Components read state and call these.
 */
const set = useStore.setState;
const get = useStore.getState;

let previewRequest = 0;
let previewTimer: ReturnType<typeof setTimeout> | null = null;

/** Reads the experiment from the page URL; unusable parts are reported, never fatal. */
export function initFromUrl(href: string): void {
  const { config, ignored } = decodeConfig(href);
  set({ ...initialState(config), urlNotices: ignored });
  connectWorker(handleWorkerMessage);
  syncUrl();
  requestPreview();
  void loadSavedRuns();
  void loadUserDatasets();
  void loadInterrupted();
}

/**
 * Rows, progress and snapshots stream in many times a second; they reach the store at most once
 * per animation frame (one render per frame, the main thread stays free between). Any other
 * message applies what is pending first, so order is kept ('restarted' clears the history, 'done'
 * follows the last rows).
 */
const frame = frameBatcher();
let pendingRows: HistoryRow[] = [];
let pendingPatch: Partial<Pick<AppState, 'progress' | 'snapshot'>> = {};

function applyStreamed(): void {
  const rows = pendingRows;
  const patch = pendingPatch;
  pendingRows = [];
  pendingPatch = {};
  set({ ...patch, ...(rows.length ? { history: [...get().history, ...rows] } : {}) });
}

export function handleWorkerMessage(msg: FromWorker): void {
  switch (msg.type) {
    case 'history':
      pendingRows.push(...msg.rows);
      frame.schedule(applyStreamed);
      return;
    case 'progress':
      pendingPatch.progress = msg.progress;
      frame.schedule(applyStreamed);
      return;
    case 'snapshot':
      pendingPatch.snapshot = msg.snapshot;
      frame.schedule(applyStreamed);
      return;
  }
  frame.flush();
  switch (msg.type) {
    case 'backend':
      set({ backend: msg.info });
      return;
    case 'state':
      set({ runState: msg.state, statusMessage: msg.message ?? (msg.state === 'running' ? null : get().statusMessage) });
      return;
    case 'runInfo':
      set({ runInfo: msg.info });
      return;
    case 'inside':
      set({ inside: withReading(get().inside, msg.reading) });
      return;
    case 'preview':
      if (msg.requestId === previewRequest) {
        set({ preview: { height: msg.height, width: msg.width, channels: msg.channels, samples: msg.samples } });
      }
      return;
    case 'done':
      set({ lastRun: msg.run });
      void saveFinishedRun(msg.run);
      void clearInProgress();
      return;
    case 'checkpoint':
      void keepCheckpoint(msg);
      return;
    case 'error':
      set({ errors: [...get().errors.slice(-4), msg.message] });
      return;
    case 'restarted':
      set({ history: [], progress: null, snapshot: null, backend: msg.backend, errors: [...get().errors.slice(-4), msg.reason] });
      return;
  }
}

/** Parameters kept after the config in the URL on every change (a lecture link's hide=). */
let urlSuffix = '';

export function keepInUrl(suffix: string): void {
  urlSuffix = suffix;
  syncUrl();
}

function syncUrl(): void {
  if (typeof window === 'undefined') return;
  const url = `${window.location.pathname}?${encodeConfig(get().config)}${urlSuffix ? `&${urlSuffix}` : ''}`;
  window.history.replaceState(null, '', url);
}

function updateConfig(next: ExperimentConfig, opts: { preview?: boolean } = {}): void {
  set({ config: next });
  syncUrl();
  if (opts.preview) schedulePreview();
}

/**
 * Switching method takes the new method's knob defaults and keeps the shared settings, except one
 * still at the old method's default where the new method has another (e.g. the supervised
 * reference's lr): that follows the new method's default.
 */
export function setMethod(method: MethodKey): void {
  const cfg = get().config;
  const [before, after] = [defaultConfig(cfg.method), defaultConfig(method)];
  const follow = GLOBAL_KNOBS.filter((k) => cfg[k.name] === before[k.name] && before[k.name] !== after[k.name]).map((k) => [k.name, after[k.name]]);
  updateConfig({ ...cfg, ...Object.fromEntries(follow), method, params: after.params });
}

/** Refused with the reason when the current subset sizes do not fit the new dataset. */
export function setDataset(dataset: DatasetKey): string | null {
  const cfg = get().config;
  if (cfg.dataset === dataset) return null;
  if (isUserDataset(dataset)) return chooseUserDataset(dataset);
  const next = withChannelsPipeline(cfg, { ...cfg, dataset });
  const problem = crossFieldProblems(next)[0];
  if (problem) return problem.message;
  updateConfig(next, { preview: true });
  return null;
}

/** A user's dataset with subset sizes already fitted to it (state/datasets/actions.ts). */
export function applyDatasetChoice(next: ExperimentConfig): void {
  updateConfig(withChannelsPipeline(get().config, next), { preview: true });
}

/** The method's default augmentation pipeline for the dataset's channels (augmentPresets.ts). */
export function applyMethodPipeline(): void {
  const cfg = get().config;
  updateConfig({ ...cfg, aug: defaultPipeline(cfg.method, datasetChannels(cfg.dataset)) }, { preview: true });
}

export function setStudioSize(size: { images?: number; views?: number }): void {
  set({ data: { ...get().data, studio: { ...get().data.studio, ...size } } });
  schedulePreview();
}

export function setBackendChoice(backend: BackendChoice): void {
  updateConfig({ ...get().config, backend });
}

/** Sets a global knob (seed, steps, batch, …). Invalid values are refused with the reason. */
export function setGlobal(name: string, value: KnobValue): string | null {
  const knob = GLOBAL_KNOBS.find((k) => k.name === name);
  if (!knob) return `unknown setting ${name}`;
  const r = checkKnobValue(knob, value);
  if ('error' in r) return r.error;
  const next = { ...get().config, [name]: r.value } as ExperimentConfig;
  const problem = crossFieldProblems(next).find((p) => p.field === name || (name !== 'n' && p.field === 'n'));
  if (problem) return problem.message;
  updateConfig(next, { preview: name === 'seed' });
  return null;
}

export function setParam(name: string, value: KnobValue): string | null {
  const cfg = get().config;
  const knob = methodKnobs(cfg.method).find((k) => k.name === name);
  if (!knob) return `${cfg.method} has no knob ${name}`;
  const r = checkKnobValue(knob, value);
  if ('error' in r) return r.error;
  updateConfig({ ...cfg, params: { ...cfg.params, [name]: r.value } });
  return null;
}

export function setAug(name: keyof AugmentConfig, value: KnobValue): string | null {
  const knob = AUGMENT_KNOBS.find((k) => k.name === name);
  if (!knob) return `unknown augmentation ${name}`;
  const r = checkKnobValue(knob, value);
  if ('error' in r) return r.error;
  const cfg = get().config;
  const next = { ...cfg, aug: { ...cfg.aug, [name]: r.value } };
  const problem = crossFieldProblems(next).find((p) => p.field === 'cropMin');
  if (problem) return problem.message;
  updateConfig(next, { preview: true });
  return null;
}

export function restoreDefaults(): void {
  updateConfig(defaultConfig(get().config.method), { preview: true });
}

export function dismissUrlNotices(): void {
  set({ urlNotices: [] });
}

export function dismissErrors(): void {
  set({ errors: [] });
}

export function start(): void {
  frame.flush(); // rows of a previous run still waiting for a frame must not land in this one
  // The controls' settings now belong to a run (saved when it ends): no longer unsaved edits.
  set({ history: [], progress: null, lastRun: null, runInfo: null, snapshot: null, statusMessage: null, errors: [], runState: 'loading', appliedConfig: get().config });
  const config = get().config;
  void withDatasetInWorker(config.dataset, () => sendToWorker({ type: 'start', config })).then((missing) => {
    if (missing) set({ runState: 'error', statusMessage: missing });
  });
}

/** Makes a config the current experiment (controls and URL) and starts it: what the queue runs. */
export function startExperiment(config: ExperimentConfig): void {
  updateConfig(config, { preview: true });
  start();
}

export const pause = () => sendToWorker({ type: 'pause' });
export const resume = () => sendToWorker({ type: 'resume' });
export const stop = () => sendToWorker({ type: 'stop' });

/** Clears the charts. A run still going is stopped first; a stuck worker is replaced. */
export function reset(): void {
  const busy = ['loading', 'running', 'paused', 'stopping'].includes(get().runState);
  if (busy) {
    terminateWorker();
    forgetWorkerDatasets();
    connectWorker(handleWorkerMessage);
    set({ backend: null });
  }
  frame.flush();
  set({ history: [], progress: null, lastRun: null, runInfo: null, snapshot: null, statusMessage: null, errors: [], runState: 'idle' });
  if (busy) void clearInProgress();
  requestPreview();
}

/** Debounced: slider drags would otherwise queue a preview per pixel. */
function schedulePreview(): void {
  if (previewTimer) clearTimeout(previewTimer);
  previewTimer = setTimeout(requestPreview, 150);
}

export function requestPreview(): void {
  previewRequest += 1;
  const config = get().config;
  const requestId = previewRequest;
  const { images: count, views } = get().data.studio;
  // The studio's grid size only when it is not the strip's default (6 images, 2 views).
  const size = count === PREVIEW_COUNT && views === 2 ? {} : { count, views };
  // A user's dataset this browser lacks has no preview; the data panel says what is missing.
  void withDatasetInWorker(config.dataset, () => sendToWorker({ type: 'preview', config, requestId, ...size }));
}

export function shareUrl(): string {
  return `${window.location.origin}${window.location.pathname}?${encodeConfig(get().config)}${urlSuffix ? `&${urlSuffix}` : ''}`;
}
