import type * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/schema';
import type { MethodKey, MethodSpec } from '../config/methods';
import type { Encoder } from '../nets/convnet';
import type { ParamSet } from '../nets/params';
import type { ImageDataset } from '../data/dataset';
import type { MethodSnapshot } from '../train/run';
import type { MethodState } from '../train/checkpoint';

/** What the trainer hands a method when it builds one. */
export interface MethodContext {
  config: ExperimentConfig;
  /** Image geometry of the dataset. */
  height: number;
  width: number;
  channels: number;
  /** The online encoder, owned by the trainer (the probe reads its features). */
  encoder: Encoder;
  /** Seed for the method's own weights. */
  seed: number;
  /** The dataset and the indices of the unlabelled training subset (DeepCluster clusters them all). */
  dataset: ImageDataset;
  unlabelled: Int32Array;
  /** The labelled probe-train indices: read only by the supervised reference, never by an SSL method. */
  probeTrain: Int32Array;
}

export interface StepInput {
  /** The raw batch, B×H×W×C in [0, 1]; the method makes its own views from it. */
  images: tf.Tensor4D;
  /** Dataset indices of the batch's images, row by row (DeepCluster looks up their pseudo-labels). */
  indices?: Int32Array;
  /** 1-based index of the update this loss is for (schedules). */
  step: number;
  /** Seed for this step's augmentations. */
  seed: number;
  /** config.steps, for schedules. */
  totalSteps: number;
}

export interface MethodInstance<Metric extends string = string> {
  /** Trainable weights besides the encoder's (heads, predictors, prototypes). */
  heads: ParamSet[];
  /** The training objective for one batch. Called inside the optimiser's tidy; must not read back. */
  loss(input: StepInput): tf.Scalar;
  /** The embedding the loss acts on, for collapse metrics: one row per image, no augmentation. */
  embed(images: tf.Tensor4D): tf.Tensor2D;
  /** (online, target) weight pairs the trainer updates by EMA after each step (trainer/ema.ts). */
  momentumPairs?(): [tf.Variable, tf.Variable][];
  /** The target network's BatchNorm running statistics (not averaged by the EMA: shared/target.ts), for a checkpoint. */
  targetBuffers?(): tf.Variable[];
  /** τ for the EMA after `step` (e.g. BYOL's cosine schedule from base to 1). Default 0.99. */
  momentum?(step: number, totalSteps: number): number;
  /** Learning rate for `step` given the base rate (e.g. MoCo v2's cosine decay). Default: constant. */
  learningRate?(step: number, totalSteps: number, base: number): number;
  /**
   * Runs before an update, outside the optimiser, and may await device work or read-backs (e.g.
   * DeepCluster re-clustering every E steps). Return the number of host read-backs it made.
   */
  beforeStep?(step: number, totalSteps: number): Promise<number>;
  /** Runs after the update and the EMA, synchronously, tensor ops only (queues, centres). */
  afterStep?(step: number): void;
  /**
   * Scalars worth charting besides the loss, measured with the collapse metrics. A metric with no
   * value yet (e.g. before DeepCluster's first clustering) is left out rather than faked as 0.
   */
  extraMetrics?(): { [name in Metric]?: tf.Scalar };
  /** Every name extraMetrics can return, where some are not there from the start. */
  extraMetricNames?: readonly Metric[];
  /**
   * State besides the trainer's weights that the next steps depend on (MoCo's queue, DINO's centre,
   * DeepCluster's assignments, inpainting's discriminator), for a checkpoint: tensors (the caller
   * reads them back and does not dispose them), plain numbers, integer arrays and the states of
   * optimisers the method owns. A method that has beforeStep or afterStep work but no saveState
   * cannot be resumed (train/trainer.ts says so).
   */
  saveState?(): MethodState | Promise<MethodState>;
  /** Puts saved state back into a fresh instance (tensors are the caller's: copy what is kept). */
  loadState?(state: MethodState): void;
  /** Pictures and bars only this method has (reconstructions, cluster sizes), read back async. */
  snapshot?(): Promise<MethodSnapshot>;
  dispose(): void;
}

/** One method file exports one of these, made by defineMethod (define.ts); src/core/methods/index.ts lists them. */
export interface MethodDefinition<Instance extends MethodInstance = MethodInstance> {
  key: MethodKey;
  /** Knobs, metrics, backbone: the tfjs-free half, in src/core/config/methods/<key>.ts. */
  spec: MethodSpec;
  create(ctx: MethodContext): Instance;
}
