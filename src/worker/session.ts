import { parseExperimentConfig, type ExperimentConfig } from '../core/config/schema';
import { isGpuBackend, onDeviceLost, selectBackend } from '../core/backend/select';
import type { ImageDataset } from '../core/data/dataset';
import { augmentationPreview } from '../core/methods/shared/preview';
import { runTraining } from '../core/train/loop';
import type { BackendInfo } from '../core/train/run';
import type { TrainerCheckpoint } from '../core/train/checkpoint';
import { PREVIEW_COUNT, toWorkerSchema, type FromWorker, type ResumePoint, type ToWorker } from './protocol';

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/**
 * A checkpoint every 10 steps or 30 s, whichever comes first: a reload loses at most that much. Taken
 * at a metric reading, so with metricsEvery > 10 it is every metricsEvery steps.
 */
const CHECKPOINT_EVERY_STEPS = 10;
const CHECKPOINT_SECONDS = 30;

/** The checkpoint's arrays move to the main thread instead of being copied. */
function checkpointBuffers(c: TrainerCheckpoint): Transferable[] {
  const all = [...c.weights, ...c.targets, ...c.adam.firstMoments, ...c.adam.secondMoments, ...Object.values(c.method.tensors)];
  return all.map((t) => t.values.buffer as ArrayBuffer);
}
export type LoadDataset = (key: ExperimentConfig['dataset']) => Promise<ImageDataset>;

/**
 * Everything the worker does, as a plain class (testable without a Worker): validates messages,
 * picks the backend once per requested choice, runs training, answers previews between steps.
 */
export class WorkerSession {
  /** One selection per requested choice; a promise, so a preview and a Start never race to init. */
  private backend: Promise<BackendInfo> | null = null;
  private backendChoice: string | null = null;
  private running = false;
  private paused = false;
  private stopRequested = false;
  private resumeWaiters: (() => void)[] = [];
  private datasets = new Map<string, Promise<ImageDataset>>();

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
      case 'stop':
        if (this.running) {
          this.stopRequested = true;
          this.paused = false;
          this.resumeWaiters.splice(0).forEach((r) => r());
          this.post({ type: 'state', state: 'stopping' });
        }
        return;
      case 'preview':
        return this.preview(msg.config, msg.requestId);
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

  private async ensureBackend(choice: ExperimentConfig['backend']): Promise<BackendInfo> {
    if (!this.backend || this.backendChoice !== choice) {
      this.backendChoice = choice;
      const selecting = this.backend ? this.backend.catch(() => null).then(() => selectBackend(choice)) : selectBackend(choice);
      this.backend = selecting;
      selecting.then(
        (info) => this.post({ type: 'backend', info }),
        () => {
          if (this.backend === selecting) this.backend = null;
        },
      );
    }
    return this.backend;
  }

  private dataset(key: ExperimentConfig['dataset']): Promise<ImageDataset> {
    let p = this.datasets.get(key);
    if (!p) {
      p = this.loadDataset(key);
      this.datasets.set(key, p);
      p.catch(() => this.datasets.delete(key));
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
    try {
      this.post({ type: 'state', state: 'loading' });
      let backend = await this.ensureBackend(config.backend);
      const dataset = await this.dataset(config.dataset);
      const failed: { name: string; reason: string }[] = [];
      for (;;) {
        const attempt = await this.trainOnce(config, dataset, backend, resume);
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
  private async trainOnce(config: ExperimentConfig, dataset: ImageDataset, backend: BackendInfo, resume?: ResumePoint): Promise<{ ok: true } | { ok: false; reason: string }> {
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
          onSnapshot: (snapshot) => this.post({ type: 'snapshot', snapshot }),
          onHistory: (rows) => this.post({ type: 'history', rows }),
          onProgress: (progress) => this.post({ type: 'progress', progress }),
          onCheckpoint: (checkpoint, history, ms) => this.post({ type: 'checkpoint', checkpoint, history, ms }, checkpointBuffers(checkpoint)),
        },
        {
          shouldStop: () => this.stopRequested || lost !== null,
          waitWhilePaused: () => (this.paused ? new Promise((r) => this.resumeWaiters.push(r)) : Promise.resolve()),
        },
        { resume, checkpointEvery: CHECKPOINT_EVERY_STEPS, checkpointSeconds: CHECKPOINT_SECONDS },
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

  private async preview(raw: unknown, requestId: number): Promise<void> {
    const config = this.validConfig(raw);
    if (!config) return;
    try {
      if (!this.running) await this.ensureBackend(config.backend);
      const ds = await this.dataset(config.dataset);
      const samples = await augmentationPreview(ds, config, PREVIEW_COUNT);
      this.post({ type: 'preview', requestId, height: ds.height, width: ds.width, channels: ds.channels, samples });
    } catch (e) {
      this.post({ type: 'error', message: `Preview failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}
