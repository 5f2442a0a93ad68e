import * as tf from '@tensorflow/tfjs-core';

/**
 * A run's whole training state between two steps, as plain data (structured-clone and IndexedDB
 * friendly): every trained weight, the EMA targets, Adam's moments and bias-correction powers, the
 * method's own state (queues, centres) and the step, which fixes the batch sampler's and the
 * augmentations' position (both are seeded per step). Restoring it into a fresh Trainer of the same
 * config continues with the losses the uninterrupted run would have had, on the same backend.
 */
export const CHECKPOINT_VERSION = 1;

export interface TensorData {
  shape: number[];
  values: Float32Array;
}

export interface AdamState {
  iterations: number;
  accBeta1: number;
  accBeta2: number;
  firstMoments: TensorData[];
  secondMoments: TensorData[];
}

/**
 * What a method keeps besides the trainer's weights (MoCo's queue and its fill, DINO's centre,
 * DeepCluster's assignments, inpainting's discriminator and its optimiser); see MethodInstance.saveState.
 */
export interface MethodState {
  tensors: Record<string, tf.Tensor>;
  numbers: Record<string, number>;
  /** Host-side integer arrays (DeepCluster's pseudo-labels and cluster sizes), stored as they are. */
  arrays?: Record<string, Int32Array>;
  /** Optimisers a method owns besides the trainer's (inpainting's discriminator), saved as the trainer's is. */
  optimisers?: Record<string, AdamState>;
}

/** A method's state as a checkpoint holds it: tensors read back, the rest as the method gave it. */
export interface SavedMethodState extends Omit<MethodState, 'tensors'> {
  tensors: Record<string, TensorData>;
}

export interface TrainerCheckpoint {
  version: typeof CHECKPOINT_VERSION;
  step: number;
  weights: TensorData[];
  targets: TensorData[];
  adam: AdamState;
  method: SavedMethodState;
}

export async function readTensor(t: tf.Tensor): Promise<TensorData> {
  return { shape: [...t.shape], values: new Float32Array(await t.data()) };
}

export function toTensor(d: TensorData): tf.Tensor {
  return tf.tensor(d.values, d.shape, 'float32');
}

/** Bytes of tensor data a checkpoint holds (what IndexedDB stores, give or take the wrapper). */
export function checkpointBytes(c: TrainerCheckpoint): number {
  const all = [...c.weights, ...c.targets, ...c.adam.firstMoments, ...c.adam.secondMoments];
  return all.reduce((s, t) => s + t.values.byteLength, 0) + methodStateBuffers(c.method).reduce((s, b) => s + b.byteLength, 0);
}

/** The typed arrays' buffers of a method's saved state (to count, or to transfer across the worker boundary). */
export function methodStateBuffers(m: SavedMethodState): ArrayBufferLike[] {
  const optimisers = Object.values(m.optimisers ?? {}).flatMap((o) => [...o.firstMoments, ...o.secondMoments]);
  return [...Object.values(m.tensors), ...optimisers].map((t) => t.values.buffer).concat(Object.values(m.arrays ?? {}).map((a) => a.buffer));
}

/** Writes saved values into existing variables, checking shapes (a checkpoint of another config fails loudly). */
export function assignAll(vars: readonly tf.Variable[], data: readonly TensorData[], what: string): void {
  if (vars.length !== data.length) throw new Error(`checkpoint: ${data.length} ${what}, this run has ${vars.length}`);
  vars.forEach((v, i) => {
    if (v.shape.join() !== data[i].shape.join()) throw new Error(`checkpoint: ${what} ${i} has shape [${data[i].shape}], this run's is [${v.shape}]`);
    tf.tidy(() => v.assign(toTensor(data[i])));
  });
}
