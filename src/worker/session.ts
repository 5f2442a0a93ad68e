import { parseExperimentConfig, type ExperimentConfig } from '../core/config/schema';
import { isGpuBackend, onDeviceLost, selectBackend } from '../core/backend/select';
import type { ImageDataset } from '../core/data/dataset';
import { datasetInstanceKey, evalDatasetChoice, type DatasetChoice } from '../core/data/load';
import { checkUserDataset, type UserDataset } from '../core/data/userDataset';
import { isUserDataset } from '../core/config/datasets';
import { augmentationPreview } from '../core/methods/shared/preview';
import { runTraining } from '../core/train/loop';
import { insideTransferables } from '../core/eval/inside/types';
import { snapshotTransferables, type BackendInfo } from '../core/train/run';
import { checkpointTensors, methodArrays, type TrainerCheckpoint } from '../core/train/checkpoint';
import type { Calibration } from '../core/backend/calibrate';
import { calibrationFor, indexedDbChoiceCache } from './backendCalibration';
import { PREVIEW_COUNT, toWorkerSchema, type FromWorker, type ResumePoint, type ToWorker } from './protocol';

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;
export type LoadDataset = (config: DatasetChoice) => Promise<ImageDataset>;

/**
 * Datasets kept loaded: the current one and the one before (generated Shapes differ per seed and
 * size), and a run's evaluation dataset (evalDataset).
 */
const DATASET_CACHE = 3;

/**
 * A checkpoint every 10 steps or 30 s, whichever comes first: a reload loses at most that much. Taken
 * at a metric reading, so with metricsEvery > 10 it is every metricsEvery steps.
 */
const CHECKPOINT_EVERY_STEPS = 10;
const CHECKPOINT_SECONDS = 30;

/** The checkpoint's arrays move to the main thread instead of being copied. */
function checkpointBuffers(c: TrainerCheckpoint): Transferable[] {
  return [...checkpointTensors(c).map((t) => t.values.buffer), ...methodArrays(c.method).map((a) => a.buffer)] as ArrayBuffer[];
}

/**
 * Everything the worker does, as a plain class (testable without a Worker): validates messages,
 * picks the backend once per requested choice, runs training, answers previews between steps.
 */
export class WorkerSession {
  /** One selection per requested choice; a promise, so a preview and a Start never race to init. */
  private backend: Promise<BackendInfo> | null = null;
  private backendChoice: string | null = null;
  /** The config shape `auto` last measured for (a preview selects without measuring). */
  private calibratedFor: string | null = null;
  private readonly choiceCache = indexedDbChoiceCache();
  private running = false;
  private paused = false;
  private stopRequested = false;
  private resumeWaiters: (() => void)[] = [];
  /** Updates the user asked for one at a time while paused (Step), and whether the last one was such. */
  private stepsAllowed = 0;
  private manualStep = false;
  private datasets = new Map<string, Promise<ImageDataset>>();
  /** Users' datasets sent by the page (it reads them from IndexedDB), by key. */
  private userDatasets = new Map<string, UserDataset>();

  constructor(private readonly post: Post, private readonly loadDataset: LoadDataset) {}

  async handle(data: unknown): Promise<void> {
    const parsed = toWorkerSchema.safeParse(data);
    if (!parsed.success) {
      this.post({ type: 'error', message: `Ignored a malformed message: ${parsed.error.issues[0]?.message ?? 'unknown shape'}` });
      return;
    }
    const msg = parsed.data as ToWorker;
    switch (msg.type) {
      case 'start':
        return this.start(msg.config, msg.resume);
      case 'pause':
        if (this.running && !this.paused) {
          this.paused = true;
          this.post({ type: 'state', state: 'paused' });
        }
        return;
      case 'resume':
        if (this.running && this.paused) {
          this.paused = false;
          this.resumeWaiters.splice(0).forEach((r) => r());
          this.post({ type: 'state', state: 'running' });
        }
        return;
      case 'step':
        if (this.running && this.paused) {
          this.stepsAllowed += 1;
          this.resumeWaiters.splice(0).forEach((r) => r());
        }
        return;
      case 'stop':
        if (this.running) {
          this.stopRequested = true;
          this.paused = false;
          this.resumeWaiters.splice(0).forEach((r) => r());
          this.post({ type: 'state', state: 'stopping' });
        }
        return;
      case 'preview':
        return this.preview(msg.config, msg.requestId, msg.count, msg.views);
      case 'dataset':
        try {
          const ds = checkUserDataset(msg.dataset);
          this.userDatasets.set(ds.key, ds);
        } catch (e) {
          this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        }
        return;
    }
  }

  private validConfig(raw: unknown): ExperimentConfig | null {
    const r = parseExperimentConfig(raw);
    if (!r.ok) {
      this.post({ type: 'error', message: `Invalid experiment config: ${r.errors.join('; ')}` });
      return null;
    }
    return r.config;
  }

  private async ensureBackend(choice: ExperimentConfig['backend'], calibration?: Calibration): Promise<BackendInfo> {
    const measure = choice === 'auto' && calibration != null && this.calibratedFor !== calibration.shapeKey;
    if (!this.backend || this.backendChoice !== choice || measure) {
      this.backendChoice = choice;
      this.calibratedFor = measure ? calibration.shapeKey : null;
      const options = measure ? { calibration } : {};
      const selecting = this.backend ? this.backend.catch(() => null).then(() => selectBackend(choice, [], options)) : selectBackend(choice, [], options);
      this.backend = selecting;
      selecting.then(
        (info) => this.post({ type: 'backend', info }),
        () => {
          if (this.backend === selecting) {
            this.backend = null;
            this.calibratedFor = null;
          }
        },
      );
    }
    return this.backend;
  }

  private dataset(config: DatasetChoice): Promise<ImageDataset> {
    if (isUserDataset(config.dataset)) {
      const ds = this.userDatasets.get(config.dataset);
      return ds
        ? Promise.resolve(ds)
        : Promise.reject(new Error(`dataset ${config.dataset} is not loaded: it lives in the IndexedDB of the browser that imported it; import the same files in the Data panel`));
    }
    const key = datasetInstanceKey(config);
    let p = this.datasets.get(key);
    if (!p) {
      p = this.loadDataset(config);
      this.datasets.set(key, p);
      p.catch(() => this.datasets.delete(key));
      // Map keeps insertion order: drop the oldest beyond the cache size.
      while (this.datasets.size > DATASET_CACHE) this.datasets.delete(this.datasets.keys().next().value!);
    }
    return p;
  }

  private async start(raw: unknown, resume?: ResumePoint): Promise<void> {
    if (this.running) {
      this.post({ type: 'error', message: 'A run is already in progress; stop it first.' });
      return;
    }
    const config = this.validConfig(raw);
    if (!config) return;
    this.running = true;
    this.paused = false;
    this.stopRequested = false;
    this.stepsAllowed = 0;
    try {
      this.post({ type: 'state', state: 'loading' });
      // The dataset first: `auto` times a few steps of this very config on each candidate backend.
      const dataset = await this.dataset(config);
      const evalChoice = evalDatasetChoice(config);
      const evalDataset = evalChoice ? await this.dataset(evalChoice) : undefined;
      let backend = await this.ensureBackend(config.backend, calibrationFor(config, dataset, this.choiceCache));
      const failed: { name: string; reason: string }[] = [];
      for (;;) {
        const attempt = await this.trainOnce(config, dataset, backend, resume, evalDataset);
        // A GPU failure restarts from step 0: the checkpoint belonged to the failed backend.
        resume = undefined;
        if (attempt.ok) break;
        // A GPU that fails mid-run (device lost, context lost, out of memory) is not fatal: the
        // run is seeded, so it restarts from step 0 on the next backend and says why.
        failed.push({ name: backend.name, reason: attempt.reason });
        const next = await selectBackend(config.backend, failed);
        this.backend = Promise.resolve(next);
        this.post({ type: 'backend', info: next });
        this.post({ type: 'restarted', reason: `${backend.name} failed mid-run (${attempt.reason}); restarted from step 0 on ${next.name}.`, backend: next });
        backend = next;
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.post({ type: 'error', message: `Training failed: ${message}` });
      this.post({ type: 'state', state: 'error', message });
    } finally {
      this.running = false;
    }
  }

  /** One attempt on one backend. A GPU failure comes back as { ok: false } for the fallback. */
  private async trainOnce(config: ExperimentConfig, dataset: ImageDataset, backend: BackendInfo, resume?: ResumePoint, evalDataset?: ImageDataset): Promise<{ ok: true } | { ok: false; reason: string }> {
    let lost: string | null = null;
    if (isGpuBackend(backend.name)) onDeviceLost((reason) => (lost = reason));
    this.post({ type: 'state', state: 'running' });
    try {
      const run = await runTraining(
        config,
        dataset,
        backend,
        {
          onStart: (info) => this.post({ type: 'runInfo', info }),
          onSnapshot: (snapshot) => this.post({ type: 'snapshot', snapshot }, snapshotTransferables(snapshot)),
          onHistory: (rows) => this.post({ type: 'history', rows }),
          onProgress: (progress) => this.post({ type: 'progress', progress }),
          onInside: (reading) => this.post({ type: 'inside', reading }, insideTransferables(reading)),
          onCheckpoint: (checkpoint, history, ms) => this.post({ type: 'checkpoint', checkpoint, history, ms }, checkpointBuffers(checkpoint)),
        },
        {
          shouldStop: () => this.stopRequested || lost !== null,
          waitWhilePaused: () => this.waitWhilePaused(),
          readingDue: () => {
            const due = this.manualStep;
            this.manualStep = false;
            return due;
          },
        },
        { resume, checkpointEvery: CHECKPOINT_EVERY_STEPS, checkpointSeconds: CHECKPOINT_SECONDS, evalDataset },
      );
      if (lost !== null) return { ok: false, reason: lost };
      this.post({ type: 'done', run });
      const state = run.outcome === 'completed' ? 'done' : run.outcome === 'stopped' ? 'stopped' : 'error';
      this.post({ type: 'state', state, ...(run.message ? { message: run.message } : {}) });
      return { ok: true };
    } catch (e) {
      if (lost !== null) return { ok: false, reason: lost };
      if (isGpuBackend(backend.name) && !this.stopRequested) return { ok: false, reason: e instanceof Error ? e.message : String(e) };
      throw e;
    }
  }

  /** Holds the run while paused; a Step lets exactly one update through and marks it for a reading. */
  private async waitWhilePaused(): Promise<void> {
    while (this.paused && !this.stopRequested) {
      if (this.stepsAllowed > 0) {
        this.stepsAllowed -= 1;
        this.manualStep = true;
        return;
      }
      await new Promise<void>((r) => this.resumeWaiters.push(r));
    }
  }

  private async preview(raw: unknown, requestId: number, count = PREVIEW_COUNT, views = 2): Promise<void> {
    const config = this.validConfig(raw);
    if (!config) return;
    try {
      if (!this.running) await this.ensureBackend(config.backend);
      const ds = await this.dataset(config);
      const samples = await augmentationPreview(ds, config, count, views);
      this.post({ type: 'preview', requestId, height: ds.height, width: ds.width, channels: ds.channels, samples });
    } catch (e) {
      this.post({ type: 'error', message: `Preview failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}
