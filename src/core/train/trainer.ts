import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/schema';
import { BatchSampler } from '../data/batches';
import { gatherFloat, gatherLabels, makeSplits, type DataSplits, type ImageDataset } from '../data/dataset';
import { alignment, l2NormalizedStd, spectrumReading, uniformity } from '../eval/collapse';
import { featuresOf } from '../eval/features';
import { knnAccuracy } from '../eval/knn';
import { linearProbeAccuracy } from '../eval/probe';
import { referenceKey, referenceProbes, type ReferenceProbes } from '../eval/references';
import { labelSubset } from '../eval/labelFraction';
import { fractionKey, fractionProbeKey, LABEL_FRACTIONS } from '../config/evalKnobs';
import { evaluationData, type EvalData } from '../eval/evalData';
import { finetuneAccuracy } from '../eval/finetune';
import { METHODS } from '../methods';
import { twoViews } from '../methods/shared/views';
import type { MethodInstance } from '../methods/types';
import { createBackbone } from '../nets/backbones';
import type { Encoder } from '../nets/convnet';
import { whileTraining } from '../nets/batchNorm';
import { assignAll, CHECKPOINT_VERSION, readTensor, toTensor, type SavedMethodState, type TrainerCheckpoint } from './checkpoint';
import { emaUpdate } from './ema';
import { createOptimizer, scheduledLearningRate, type Optimizer } from './optimizers';
import { mixSeed } from '../random';
import { factorProbeMetric } from '../config/shapes';

/** Images the collapse metrics are measured on: fixed, unaugmented, from probe-test. */
const COLLAPSE_SAMPLE = 256;
/**
 * Images whose two augmented views the alignment metric compares: the first 128 of the collapse
 * sample. Two embeddings of 128 images cost about one training step's forward pass per reading.
 */
const ALIGNMENT_SAMPLE = 128;

/**
 * One experiment's live state: data splits, encoder, method, optimiser. `step()` does one update and
 * returns the loss tensor without reading it; the run loop (loop.ts) decides when to read back.
 */
export class Trainer {
  readonly splits: DataSplits;
  readonly encoder: Encoder;
  readonly method: MethodInstance;
  readonly embeddingDim: number;
  stepsDone = 0;
  /** Read-backs made by metrics that need host-side maths (see collapseMetrics). */
  hostReads = 0;
  /** The latest collapse reading's spectrum (centred σ, largest first) and embedding rows, for the see-inside panels. */
  lastSpectrum: { singularValues: Float32Array; rows: Float32Array } | null = null;
  /** Dataset indices of the evaluation images the collapse metrics and the see-inside panels use. */
  readonly collapseIndices: Int32Array;
  /** The labelled images the probe, kNN and fine-tuning use: this dataset's or `evalDataset`'s. */
  readonly evalData: EvalData;
  private readonly sampler: BatchSampler;
  private readonly optimizer: Optimizer;
  private readonly trainable: tf.Variable[];
  private readonly collapseImages: tf.Tensor4D;

  /** `evalDataset`: the dataset config.evalDataset names, when it is not `same` (eval/evalData.ts). */
  constructor(readonly config: ExperimentConfig, readonly dataset: ImageDataset, evalDataset?: ImageDataset) {
    this.splits = makeSplits(dataset.count, config, config.seed);
    this.evalData = evaluationData(config, dataset, this.splits, evalDataset);
    this.sampler = new BatchSampler(this.splits.unlabelled, config.seed);
    const definition = METHODS[config.method];
    this.encoder = this.initialEncoder();
    this.method = definition.create({
      config,
      height: dataset.height,
      width: dataset.width,
      channels: dataset.channels,
      encoder: this.encoder,
      seed: mixSeed(config.seed, 12),
      dataset,
      unlabelled: this.splits.unlabelled,
      probeTrain: this.splits.probeTrain,
    });
    this.trainable = [...this.encoder.params.list(), ...this.method.heads.flatMap((h) => h.list())];
    this.optimizer = createOptimizer(config.optimizer, { learningRate: config.lr, weightDecay: config.weightDecay, beta2: config.beta2 });
    this.collapseIndices = this.splits.probeTest.subarray(0, Math.min(COLLAPSE_SAMPLE, this.splits.probeTest.length));
    this.collapseImages = tf.tidy(() => this.imagesTensor(this.collapseIndices));
    this.embeddingDim = tf.tidy(() => this.method.embed(tf.slice(this.collapseImages, 0, 2)).shape[1]);
  }

  /** The encoder as it is at step 0: the seed fixes its weights, so this is the random-init baseline's. */
  private initialEncoder(): Encoder {
    const { config, dataset } = this;
    return createBackbone(METHODS[config.method].spec.backbone ?? 'convnet', {
      channels: dataset.channels,
      height: dataset.height,
      width: dataset.width,
      encoderWidth: config.width,
      depth: config.depth,
      batchNorm: config.batchNorm,
      seed: mixSeed(config.seed, 11),
      params: config.params,
    });
  }

  private imagesTensor(indices: Int32Array): tf.Tensor4D {
    const { height, width, channels } = this.dataset;
    return tf.tensor4d(gatherFloat(this.dataset, indices), [indices.length, height, width, channels]);
  }

  /** The method's work before the next update (may read back); counted in hostReads. */
  async beforeStep(): Promise<void> {
    if (this.method.beforeStep) this.hostReads += await this.method.beforeStep(this.stepsDone + 1, this.config.steps);
  }

  /**
   * One optimiser update, then the EMA of target networks and the method's after-step work.
   * Returns the loss (caller disposes); gradients are disposed by minimize.
   */
  step(): tf.Scalar {
    const step = this.stepsDone + 1;
    const total = this.config.steps;
    this.optimizer.learningRate = this.learningRateAt(step);
    const indices = this.sampler.next(this.config.batch);
    const images = this.imagesTensor(indices);
    // Encoder BatchNorm uses batch statistics only inside the update (nets/batchNorm.ts).
    const loss = whileTraining(() =>
      this.optimizer.minimize(() => this.method.loss({ images, indices, step, seed: mixSeed(this.config.seed, 0x57e9, step), totalSteps: total }), this.trainable),
    );
    images.dispose();
    const pairs = this.method.momentumPairs?.() ?? [];
    if (pairs.length > 0) emaUpdate(pairs, this.method.momentum?.(step, total) ?? 0.99);
    this.method.afterStep?.(step);
    this.stepsDone = step;
    return loss;
  }

  /**
   * The rate for `step`: the global warm-up and schedule when either is set; otherwise the method's
   * own paper schedule if it has one (MoCo's steps or cosine, MAE's and MSN's warm-up + cosine), else lr.
   */
  learningRateAt(step: number): number {
    const { lr, warmup, schedule, steps } = this.config;
    if (warmup === 0 && schedule === 'constant' && this.method.learningRate) return this.method.learningRate(step, steps, lr);
    return scheduledLearningRate(step, steps, lr, warmup, schedule);
  }

  /** Names of the method's own chartable scalars (its extraMetrics), without keeping the values. */
  extraMetricNames(): string[] {
    if (!this.method.extraMetrics) return [];
    if (this.method.extraMetricNames) return [...this.method.extraMetricNames];
    const metrics = this.method.extraMetrics();
    tf.dispose(Object.values(metrics));
    return Object.keys(metrics);
  }

  /** Trained parameters per block: the encoder and each head, by its ParamSet's name. */
  blockParameters(): Record<string, number> {
    const out: Record<string, number> = { encoder: this.encoder.params.count() };
    for (const h of this.method.heads) out[h.prefix] = (out[h.prefix] ?? 0) + h.count();
    return out;
  }

  /** τ of the EMA after the latest step, for methods with a target network; undefined otherwise. */
  currentMomentum(): number | undefined {
    if ((this.method.momentumPairs?.() ?? []).length === 0) return undefined;
    return this.method.momentum?.(Math.max(1, this.stepsDone), this.config.steps) ?? 0.99;
  }

  /** Parameters trained by the optimiser (encoder and heads). */
  parameterCount(): number {
    return this.trainable.reduce((s, v) => s + v.size, 0);
  }

  /**
   * Collapse metrics as scalars for the caller to read back in one go: std, alignment and uniformity
   * (Wang & Isola 2020) on device; RankMe and the singular-value spectrum need an SVD, which tfjs
   * lacks, so the embedding is read back once (asynchronously, counted in hostReads) and both are
   * solved on the host. The spectrum is kept in lastSpectrum for the caller to chart.
   */
  async collapseMetrics(): Promise<Record<string, tf.Scalar>> {
    const z = tf.tidy(() => this.method.embed(this.collapseImages));
    this.hostReads += 1;
    const spectrum = spectrumReading(z);
    const rest = tf.tidy(() => ({
      l2NormalizedStd: l2NormalizedStd(z),
      uniformity: uniformity(z),
      alignment: this.viewAlignment(),
      ...(this.method.extraMetrics?.() ?? {}),
    }));
    // spectrumReading reads z asynchronously. On WebGPU, disposing z before that read lands frees its
    // buffer under the read (TypeError in convertAndCacheOnCPU) once extraMetrics' ops have flushed
    // the command queue; so z lives until the read is done.
    try {
      const { rankMe, singularValues, rows } = await spectrum;
      this.lastSpectrum = { singularValues, rows };
      return { ...rest, rankMe: tf.scalar(rankMe) };
    } finally {
      z.dispose();
    }
  }

  /** Backbone features of the evaluation images, read back for the embedding map (one read, counted). */
  async backboneRows(): Promise<{ rows: Float32Array; dim: number }> {
    const h = tf.tidy(() => this.encoder.apply(this.collapseImages));
    this.hostReads += 1;
    try {
      return { rows: Float32Array.from(await h.data()), dim: h.shape[1] };
    } finally {
      h.dispose();
    }
  }

  /** Alignment of two augmented views of the same images; the views' seed is fixed, so readings compare. */
  private viewAlignment(): tf.Scalar {
    return tf.tidy(() => {
      const images = tf.slice(this.collapseImages, 0, Math.min(ALIGNMENT_SAMPLE, this.collapseImages.shape[0]));
      const [v1, v2] = twoViews(images, this.config.aug, mixSeed(this.config.seed, 0xa11));
      return alignment(this.method.embed(v1), this.method.embed(v2));
    });
  }

  /**
   * Linear-probe and kNN accuracy on frozen features (the encoder's, or the method's embedding with
   * probeOn = projector), fitted on the labelFraction share of probe-train, as tensors. With
   * `everyFraction` (the end of a run) it also reports the probe at each of the three fractions.
   */
  probe(opts: { everyFraction?: boolean } = {}): Record<string, tf.Scalar> {
    const f = this.config.probeOn === 'projector' ? (x: tf.Tensor4D) => this.method.embed(x) : (x: tf.Tensor4D) => this.encoder.apply(x);
    const { dataset, probeTrain, probeTest } = this.evalData;
    const testX = featuresOf(dataset, probeTest, f);
    const testY = tf.tensor1d(gatherLabels(dataset, probeTest), 'int32');
    const classes = dataset.classes;
    const fit = (fraction: number, withFactors = false) => {
      const subset = labelSubset(probeTrain, dataset.labels, fraction, this.config.seed);
      const trainX = featuresOf(dataset, subset, f);
      const trainY = tf.tensor1d(gatherLabels(dataset, subset), 'int32');
      const result: Record<string, tf.Scalar> = {
        probeAccuracy: linearProbeAccuracy(trainX, trainY, testX, testY, { classes }),
        knnAccuracy: knnAccuracy(trainX, trainY, testX, testY, { classes }),
      };
      // A dataset with factors (Shapes): one more linear probe per factor on the same features.
      for (const factor of withFactors ? (dataset.factors ?? []) : []) {
        const y = [subset, probeTest].map((idx) => tf.tensor1d(Int32Array.from(idx, (i) => factor.labels[i]), 'int32') as tf.Tensor1D);
        result[factorProbeMetric(factor.name)] = linearProbeAccuracy(trainX, y[0], testX, y[1], { classes: factor.classes });
        tf.dispose(y);
      }
      tf.dispose([trainX, trainY]);
      return result;
    };
    const result: Record<string, tf.Scalar> = fit(Number(this.config.labelFraction), true);
    if (opts.everyFraction) {
      for (const option of LABEL_FRACTIONS) result[fractionProbeKey(option)] = tf.tidy(() => fit(Number(option)).probeAccuracy);
    }
    tf.dispose([testX, testY]);
    return result;
  }

  /**
   * The fine-tuning protocol (eval/finetune.ts) at each label fraction, from the trained encoder and
   * from the same encoder at random init, on copies: finetuneAccuracy{1,10,100}pct and
   * baselineFinetuneAccuracy…, plus both at config.labelFraction without a suffix. Empty when
   * config.finetuneSteps is 0. Scalars for the caller to read back.
   */
  async finetune(): Promise<Record<string, tf.Scalar>> {
    const { finetuneSteps: steps, finetuneLr: learningRate, batch, seed, labelFraction } = this.config;
    if (steps === 0) return {};
    const { dataset, probeTrain, probeTest } = this.evalData;
    const scratch = this.initialEncoder();
    const out: Record<string, tf.Scalar> = {};
    try {
      for (const fraction of LABEL_FRACTIONS) {
        const subset = labelSubset(probeTrain, dataset.labels, Number(fraction), seed);
        // The same seed for both starts: the same head init and the same batches.
        const opts = { classes: dataset.classes, steps, learningRate, batch, seed: mixSeed(seed, 0xf1e, Number(fraction) * 100) };
        out[fractionKey('finetuneAccuracy', fraction)] = await finetuneAccuracy(this.encoder, dataset, subset, probeTest, opts);
        out[fractionKey('baselineFinetuneAccuracy', fraction)] = await finetuneAccuracy(scratch, dataset, subset, probeTest, opts);
      }
    } finally {
      scratch.params.dispose();
    }
    out.finetuneAccuracy = tf.clone(out[fractionKey('finetuneAccuracy', labelFraction)]);
    out.baselineFinetuneAccuracy = tf.clone(out[fractionKey('baselineFinetuneAccuracy', labelFraction)]);
    return out;
  }

  /**
   * Raw-pixel and PCA reference probes on the images the probe is scored on (eval/references.ts):
   * fitted on the same labelled share as the method's probe, PCA with as many components as the
   * probed features. Cross-domain (evalDataset), PCA is fitted on the evaluation dataset's probe-train
   * images, labels unseen. Cached per dataset, split and size; its read-backs are not counted in
   * hostReads (they are not the loop's).
   */
  referenceProbes(): Promise<ReferenceProbes> {
    const dim = this.config.probeOn === 'projector' ? this.embeddingDim : this.encoder.outDim;
    const { dataset, probeTrain, probeTest, crossDomain } = this.evalData;
    const labelled = labelSubset(probeTrain, dataset.labels, Number(this.config.labelFraction), this.config.seed);
    const unlabelled = dataset === this.dataset ? this.splits.unlabelled : probeTrain;
    // A converted evaluation set depends on the training images' geometry too.
    const key = referenceKey(dataset, this.config, dim) + (dataset === this.dataset ? '' : `|as:${this.dataset.key}:${crossDomain}`);
    return referenceProbes(dataset, { unlabelled, probeTrain: labelled, probeTest }, dim, key);
  }

  /** Why this run cannot be checkpointed, or null when it can. */
  get notResumable(): string | null {
    const m = this.method;
    if ((m.beforeStep || m.afterStep) && !m.saveState) return `${this.config.method} keeps state between steps that is not checkpointed yet`;
    return null;
  }

  /**
   * The whole training state between two steps, read back asynchronously (one read per tensor,
   * never inside a step). Throws for methods that cannot be resumed (notResumable).
   */
  async checkpoint(): Promise<TrainerCheckpoint> {
    if (this.notResumable) throw new Error(this.notResumable);
    const state = (await this.method.saveState?.()) ?? { tensors: {}, numbers: {} };
    const names = Object.keys(state.tensors);
    const [weights, targets, buffers, optimizer, methodTensors] = await Promise.all([
      Promise.all(this.trainable.map(readTensor)),
      Promise.all(this.targets().map(readTensor)),
      Promise.all(this.buffers().map(readTensor)),
      this.optimizer.saveState(this.trainable),
      Promise.all(names.map((n) => readTensor(state.tensors[n]))),
    ]);
    const method: SavedMethodState = { tensors: Object.fromEntries(names.map((n, i) => [n, methodTensors[i]])), numbers: { ...state.numbers } };
    if (state.arrays) method.arrays = Object.fromEntries(Object.entries(state.arrays).map(([n, a]) => [n, Int32Array.from(a)]));
    if (state.optimisers) method.optimisers = state.optimisers;
    return { version: CHECKPOINT_VERSION, step: this.stepsDone, weights, targets, buffers, optimizer, method };
  }

  /** Into a fresh trainer of the same config: weights, targets, running statistics, optimiser, method state, and the sampler's position. */
  restore(c: TrainerCheckpoint): void {
    if (c.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint version ${c.version}; this app reads ${CHECKPOINT_VERSION}`);
    if (this.stepsDone !== 0) throw new Error('checkpoint: restore into a trainer that has not stepped');
    if (this.notResumable) throw new Error(this.notResumable);
    assignAll(this.trainable, c.weights, 'weights');
    assignAll(this.targets(), c.targets, 'EMA targets');
    assignAll(this.buffers(), c.buffers, 'BatchNorm running statistics');
    this.optimizer.loadState(c.optimizer, this.trainable);
    if (this.method.loadState) {
      const tensors = Object.fromEntries(Object.entries(c.method.tensors).map(([n, d]) => [n, toTensor(d)]));
      try {
        this.method.loadState({ ...c.method, tensors });
      } finally {
        tf.dispose(Object.values(tensors));
      }
    }
    // The sampler is seeded and host-side: replaying its draws puts it where the run left it.
    for (let i = 0; i < c.step; i++) this.sampler.next(this.config.batch);
    this.stepsDone = c.step;
  }

  private targets(): tf.Variable[] {
    return (this.method.momentumPairs?.() ?? []).map(([, target]) => target);
  }

  /** State that is neither trained nor averaged: BatchNorm running statistics, the online encoder's and heads', then the target network's. */
  private buffers(): tf.Variable[] {
    return [this.encoder.params, ...this.method.heads].flatMap((p) => [...p.buffers.values()]).concat(this.method.targetBuffers?.() ?? []);
  }

  dispose(): void {
    this.method.dispose();
    this.encoder.params.dispose();
    this.optimizer.dispose();
    this.collapseImages.dispose();
  }
}
