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

/** What a method keeps besides weights (MoCo's queue and its fill); see MethodInstance.saveState. */
export interface MethodState {
  tensors: Record<string, tf.Tensor>;
  numbers: Record<string, number>;
}

export interface TrainerCheckpoint {
  version: typeof CHECKPOINT_VERSION;
  step: number;
  weights: TensorData[];
  targets: TensorData[];
  adam: AdamState;
  method: { tensors: Record<string, TensorData>; numbers: Record<string, number> };
}

export async function readTensor(t: tf.Tensor): Promise<TensorData> {
  return { shape: [...t.shape], values: new Float32Array(await t.data()) };
}

export function toTensor(d: TensorData): tf.Tensor {
  return tf.tensor(d.values, d.shape, 'float32');
}

/** Bytes of tensor data a checkpoint holds (what IndexedDB stores, give or take the wrapper). */
export function checkpointBytes(c: TrainerCheckpoint): number {
  const all = [...c.weights, ...c.targets, ...c.adam.firstMoments, ...c.adam.secondMoments, ...Object.values(c.method.tensors)];
  return all.reduce((s, t) => s + t.values.byteLength, 0);
}

/** Writes saved values into existing variables, checking shapes (a checkpoint of another config fails loudly). */
export function assignAll(vars: readonly tf.Variable[], data: readonly TensorData[], what: string): void {
  if (vars.length !== data.length) throw new Error(`checkpoint: ${data.length} ${what}, this run has ${vars.length}`);
  vars.forEach((v, i) => {
    if (v.shape.join() !== data[i].shape.join()) throw new Error(`checkpoint: ${what} ${i} has shape [${data[i].shape}], this run's is [${v.shape}]`);
    tf.tidy(() => v.assign(toTensor(data[i])));
  });
}
