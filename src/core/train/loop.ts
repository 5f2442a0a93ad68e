import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/dataset';
import type { TrainerCheckpoint } from './checkpoint';
import type { BackendInfo, EvaluatedRun, FinalMetrics, HistoryRow, MethodSnapshot, Progress, RunInfo, RunRecord } from './run';
import { pickReferences, type ReferenceProbes } from '../eval/references';
import { Trainer } from './trainer';
import { fractionKey, fractionProbeKey, LABEL_FRACTIONS } from '../config/evalKnobs';
import type { EvalImages, InsideReading } from '../eval/inside/types';
import { featureSpace } from '../eval/inside/reading';
import { yieldToEventLoop } from './yield';

export interface TrainCallbacks {
  /** Once, before the first step. */
  onStart?(info: RunInfo): void;
  /** The method's visuals, at each metric reading (only methods that have any). */
  onSnapshot?(snapshot: MethodSnapshot): void;
  /** New history rows (losses of every step, metrics where measured), in step order. */
  onHistory?(rows: HistoryRow[]): void;
  onProgress?(p: Progress): void;
  /** What the see-inside panels draw (spectrum, maps, neighbours), at each collapse reading; plain arrays the caller may transfer. */
  onInside?(reading: InsideReading): void;
  /**
   * A checkpoint and the history up to its step, at a metric reading (no losses pending), at most
   * every `checkpointEvery` steps or `checkpointSeconds` (RunOptions). `ms` is what taking it cost.
   */
  onCheckpoint?(checkpoint: TrainerCheckpoint, history: HistoryRow[], ms: number): void;
}

export interface RunOptions {
  /** Continue an interrupted run: its last checkpoint and the history up to that step. */
  resume?: { checkpoint: TrainerCheckpoint; history: HistoryRow[] };
  /** Take a checkpoint once this many steps have passed since the last one (0: never). */
  checkpointEvery?: number;
  /** …or once this many seconds have (30 s: a crash loses at most half a minute). */
  checkpointSeconds?: number;
  /** The dataset config.evalDataset names, when it is not `same`: probes and fine-tuning use it. */
  evalDataset?: ImageDataset;
}

export interface TrainControl {
  shouldStop(): boolean;
  /** Resolves when not paused (immediately if running). */
  waitWhilePaused(): Promise<void>;
  /** True when the user stepped one update by hand: that step gets a reading of its own. */
  readingDue?(): boolean;
}

const NO_CONTROL: TrainControl = { shouldStop: () => false, waitWhilePaused: async () => {} };

/** Counts device→host transfers, so benchmarks can report read-backs per step. */
interface ReadCounter {
  reads: number;
}

function divergedMessage(bad: HistoryRow): string {
  return `Loss became ${bad.loss} at step ${bad.step}; the run was stopped. Try a lower learning rate.`;
}

/** Reads several scalars back with one asynchronous transfer. */
async function readScalars(named: Record<string, tf.Scalar>, counter: ReadCounter): Promise<Record<string, number>> {
  const keys = Object.keys(named);
  if (keys.length === 0) return {};
  const stacked = tf.stack(keys.map((k) => named[k]));
  keys.forEach((k) => named[k].dispose());
  counter.reads += 1;
  const values = await stacked.data();
  stacked.dispose();
  return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}

/**
 * The see-inside panels' reading: the spectrum and embedding rows the collapse reading already read,
 * plus the backbone's features (one more read, made only when a caller asked for readings), with
 * their PCA maps and neighbour lists; the evaluation images go with step 0.
 */
async function emitInside(trainer: Trainer, step: number, callbacks: TrainCallbacks): Promise<void> {
  const spectrum = trainer.lastSpectrum;
  trainer.lastSpectrum = null;
  if (!callbacks.onInside || !spectrum) return;
  const n = trainer.collapseIndices.length;
  const backbone = await trainer.backboneRows();
  const { dataset } = trainer;
  callbacks.onInside({
    step,
    singularValues: spectrum.singularValues,
    live: { ...(trainer.currentMomentum() !== undefined ? { tau: trainer.currentMomentum() } : {}) },
    spaces: {
      embedding: featureSpace(spectrum.rows, n, trainer.embeddingDim),
      backbone: featureSpace(backbone.rows, n, backbone.dim),
    },
    ...(step === 0 ? { images: evalImages(dataset, trainer.collapseIndices) } : {}),
  });
}

function evalImages(ds: ImageDataset, indices: Int32Array): EvalImages {
  const per = ds.height * ds.width * ds.channels;
  const pixels = new Uint8Array(indices.length * per);
  indices.forEach((index, i) => pixels.set(ds.pixels.subarray(index * per, (index + 1) * per), i * per));
  return { count: indices.length, height: ds.height, width: ds.width, channels: ds.channels, labels: Uint8Array.from(indices, (i) => ds.labels[i]), pixels };
}

/** Random init's probe at each label fraction, from the step-0 row, under baseline… names. */
function baselineByFraction(baseline: Record<string, number>): Record<string, number> {
  return Object.fromEntries(LABEL_FRACTIONS.flatMap((f) => {
    const v = baseline[fractionProbeKey(f)];
    return v === undefined ? [] : [[fractionKey('baselineProbeAccuracy', f), v]];
  }));
}

/**
 * The run loop shared by the worker and the Node runner. Losses stay on the device and are read back
 * every `metricsEvery` steps together with the collapse metrics: one host sync per reading, none per
 * step. A non-finite loss stops the run and says at which step.
 */
export async function runTraining(
  config: ExperimentConfig,
  dataset: ImageDataset,
  backend: BackendInfo,
  callbacks: TrainCallbacks = {},
  control: TrainControl = NO_CONTROL,
  options: RunOptions = {},
): Promise<EvaluatedRun> {
  const started = performance.now();
  const trainer = new Trainer(config, dataset, options.evalDataset);
  const history: HistoryRow[] = [];
  const { resume, checkpointEvery = 0, checkpointSeconds = 30 } = options;
  let lastCheckpoint = { step: resume?.checkpoint.step ?? 0, at: performance.now() };
  const emit = (rows: HistoryRow[]) => {
    history.push(...rows);
    callbacks.onHistory?.(rows);
  };
  let outcome: RunRecord['outcome'] = 'completed';
  let message: string | undefined;
  const latest: Record<string, number> = {};
  const counter: ReadCounter = { reads: 0 };
  // Training time only (from a step's start to its loss read-back), excluding probes and metrics.
  let timedSteps = 0;
  let timedSeconds = 0;
  try {
    callbacks.onStart?.({
      embeddingDim: trainer.embeddingDim,
      parameters: trainer.parameterCount(),
      extraMetrics: trainer.extraMetricNames(),
      blockParameters: trainer.blockParameters(),
    });
    let baseline: Record<string, number>;
    let references: Partial<ReferenceProbes>;
    if (resume) {
      trainer.restore(resume.checkpoint);
      // The interrupted run's rows stand as they were: the baseline, the reference lines and every metric it read.
      baseline = { ...resume.history[0] };
      references = pickReferences(baseline);
      for (const { step: _, ...metrics } of resume.history) Object.assign(latest, metrics);
      emit(resume.history.map((r) => ({ ...r })));
    } else {
      // Random init at every label fraction too: the label-efficiency chart's lower line.
      baseline = await readScalars({ ...trainer.probe({ everyFraction: true }), ...(await trainer.collapseMetrics()) }, counter);
      Object.assign(latest, baseline);
      // Raw pixels and PCA: the lines to beat, before the first step; their read-backs are not in
      // hostReads, which counts the training loop's (Trainer.referenceProbes).
      references = await trainer.referenceProbes();
      emit([{ step: 0, ...baseline, ...references }]);
    }
    await emitInside(trainer, trainer.stepsDone, callbacks);

    let pending: { step: number; loss: tf.Scalar }[] = [];
    let lastTick = performance.now();
    const loopStarted = lastTick;
    /** One read-back for every loss since the last reading; the timing counts their steps. */
    const readLosses = async (): Promise<HistoryRow[]> => {
      const lossesT = tf.stack(pending.map((p) => p.loss));
      counter.reads += 1;
      const losses = await lossesT.data();
      lossesT.dispose();
      pending.forEach((p) => p.loss.dispose());
      timedSteps += pending.length;
      timedSeconds += (performance.now() - lastTick) / 1000;
      const rows: HistoryRow[] = pending.map((p, i) => ({ step: p.step, loss: losses[i] }));
      pending = [];
      return rows;
    };
    while (trainer.stepsDone < config.steps) {
      await control.waitWhilePaused();
      if (control.shouldStop()) {
        outcome = 'stopped';
        message = `Stopped at step ${trainer.stepsDone} of ${config.steps}.`;
        // Losses computed since the last reading are read, not dropped: the record ends where it says.
        if (pending.length > 0) {
          const rows = await readLosses();
          const bad = rows.find((r) => !Number.isFinite(r.loss));
          if (bad) [outcome, message] = ['diverged', divergedMessage(bad)];
          latest.loss = rows[rows.length - 1].loss;
          emit(rows);
        }
        break;
      }
      if (pending.length === 0) lastTick = performance.now();
      await trainer.beforeStep();
      pending.push({ step: trainer.stepsDone + 1, loss: trainer.step() });
      const step = trainer.stepsDone;
      const last = step === config.steps;
      const probeDue = last || (config.probeEvery > 0 && step % config.probeEvery === 0);
      const reading = last || probeDue || step % config.metricsEvery === 0 || control.readingDue?.() === true;
      if (!reading) {
        // The step counter moves every step (it once sat still for metricsEvery steps on slow backends);
        // the rate is the last measured one, or wall time so far before the first reading. No read-back.
        const rate = timedSteps > 0 ? timedSteps / timedSeconds : step / Math.max(1e-9, (performance.now() - loopStarted) / 1000);
        callbacks.onProgress?.({ step, totalSteps: config.steps, stepsPerSecond: rate, etaSeconds: (config.steps - step) / Math.max(1e-9, rate) });
      }
      if (reading) {
        const rows = await readLosses();
        const bad = rows.find((r) => !Number.isFinite(r.loss));
        if (bad) {
          emit(rows);
          outcome = 'diverged';
          message = divergedMessage(bad);
          break;
        }
        const metrics = await readScalars({ ...(await trainer.collapseMetrics()), ...(probeDue ? trainer.probe({ everyFraction: last }) : {}) }, counter);
        Object.assign(rows[rows.length - 1], metrics);
        Object.assign(latest, metrics, { loss: rows[rows.length - 1].loss });
        emit(rows);
        await emitInside(trainer, step, callbacks);
        if (trainer.method.snapshot && callbacks.onSnapshot) {
          counter.reads += 1;
          callbacks.onSnapshot({ step, ...(await trainer.method.snapshot()) });
        }
        const due = checkpointEvery > 0 && !last && (step - lastCheckpoint.step >= checkpointEvery || performance.now() - lastCheckpoint.at >= checkpointSeconds * 1000);
        if (due && callbacks.onCheckpoint && !trainer.notResumable) {
          const t0 = performance.now();
          const checkpoint = await trainer.checkpoint();
          callbacks.onCheckpoint(checkpoint, history.map((r) => ({ ...r })), performance.now() - t0);
          lastCheckpoint = { step, at: performance.now() };
        }
        const stepsPerSecond = timedSteps / Math.max(1e-9, timedSeconds);
        callbacks.onProgress?.({
          step,
          totalSteps: config.steps,
          stepsPerSecond,
          etaSeconds: (config.steps - step) / Math.max(1e-9, stepsPerSecond),
        });
      }
      await yieldToEventLoop();
    }
    pending.forEach((p) => p.loss.dispose());
    if (outcome === 'stopped' && trainer.stepsDone > 0) {
      // A stopped run still gets a final probe, so its numbers can be compared.
      Object.assign(latest, await readScalars({ ...(await trainer.collapseMetrics()), ...trainer.probe({ everyFraction: true }) }, counter));
    }
    // Fine-tuning runs once, at the end, on copies (Trainer.finetune); not after a diverged run.
    if (outcome !== 'diverged' && trainer.stepsDone > 0) Object.assign(latest, await readScalars(await trainer.finetune(), counter));
    const final: EvaluatedRun['final'] = {
      ...(latest as Partial<FinalMetrics>),
      ...baselineByFraction(baseline),
      probeAccuracy: latest.probeAccuracy ?? NaN,
      knnAccuracy: latest.knnAccuracy ?? NaN,
      baselineProbeAccuracy: baseline.probeAccuracy,
      baselineKnnAccuracy: baseline.knnAccuracy,
      ...references,
      l2NormalizedStd: latest.l2NormalizedStd ?? NaN,
      rankMe: latest.rankMe ?? NaN,
      embeddingDim: trainer.embeddingDim,
      loss: latest.loss ?? NaN,
    };
    return {
      config,
      backend: backend.name,
      wallSeconds: (performance.now() - started) / 1000,
      outcome,
      hostReads: counter.reads + trainer.hostReads,
      stepsPerSecond: timedSteps / Math.max(1e-9, timedSeconds),
      ...(message ? { message } : {}),
      history,
      final,
    };
  } finally {
    trainer.dispose();
  }
}
