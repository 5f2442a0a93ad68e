import * as tf from '@tensorflow/tfjs-core';

/**
 * A run's whole training state between two steps, as plain data (structured-clone and IndexedDB
 * friendly): every trained weight, the EMA targets, BatchNorm running statistics (online and target
 * encoders), the optimiser's slots and update count (train/optimizers.ts), the method's own state
 * (queues, centres) and the step, which fixes the batch sampler's and the augmentations' position
 * (both are seeded per step). Restoring it into a fresh Trainer of the same config continues with the
 * losses the uninterrupted run would have had, on the same backend.
 *
 * Version 1 held tfjs Adam's private fields (`adam`); version 2 the app's own optimiser state and
 * the running statistics. A version-1 checkpoint is read as version 2 (`upgradeCheckpoint`).
 */
export const CHECKPOINT_VERSION = 2;

export interface TensorData {
  shape: number[];
  values: Float32Array;
}

/** An optimiser's state (train/optimizers.ts): its kind, update count and per-weight slots in trainable order. */
export interface OptimizerState {
  kind: string;
  step: number;
  slots: TensorData[][];
}

/** Version 1's field: tfjs Adam's iteration count, accumulated powers and moments, in trainable order. */
export interface AdamStateV1 {
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
  optimisers?: Record<string, OptimizerState>;
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
  /** BatchNorm running statistics: the online encoder's, then the target network's (Trainer.buffers). */
  buffers: TensorData[];
  optimizer: OptimizerState;
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
  return checkpointTensors(c).reduce((s, t) => s + t.values.byteLength, 0) + methodArrays(c.method).reduce((s, a) => s + a.byteLength, 0);
}

/** Every tensor's data a checkpoint holds, the method's own optimisers' slots included (for its size, and for postMessage's transfer list). */
export function checkpointTensors(c: TrainerCheckpoint): TensorData[] {
  const methodOptimisers = Object.values(c.method.optimisers ?? {}).flatMap((o) => o.slots.flat());
  return [...c.weights, ...c.targets, ...c.buffers, ...c.optimizer.slots.flat(), ...Object.values(c.method.tensors), ...methodOptimisers];
}

/** The method's host-side integer arrays (DeepCluster's assignments), the rest of what a checkpoint transfers. */
export function methodArrays(m: SavedMethodState): Int32Array[] {
  return Object.values(m.arrays ?? {});
}

/**
 * A version-1 checkpoint as version 2. Version 1 runs were Adam without BatchNorm (config versions
 * 1 and 2 mean exactly that), so there are no running statistics; tfjs Adam's moments are this Adam's
 * slots and its iteration count the update count (its accumulated powers are recomputed from it;
 * they may differ in the last float32 bit, and tfjs's ε was 1e-7 where this Adam's is 1e-8, so the
 * continued run is close to, not bit-equal with, what version 1 would have done). Anything else is
 * returned as it is, for the validator.
 */
export function upgradeCheckpoint(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const c = input as { version?: unknown; adam?: Partial<AdamStateV1> };
  if (c.version !== 1 || typeof c.adam !== 'object' || c.adam === null) return input;
  const { adam, ...rest } = c as { adam: AdamStateV1 } & Record<string, unknown>;
  const first = Array.isArray(adam.firstMoments) ? adam.firstMoments : [];
  const second = Array.isArray(adam.secondMoments) ? adam.secondMoments : [];
  const weights = Array.isArray(rest.weights) ? rest.weights.length : 0;
  return {
    ...rest,
    version: CHECKPOINT_VERSION,
    buffers: [],
    optimizer: {
      kind: 'adam',
      step: adam.iterations,
      // Before the first update tfjs had no moments at all: every weight then has no slots.
      slots: first.length === 0 ? Array.from({ length: weights }, () => []) : first.map((m, i) => [m, second[i]]),
    },
  };
}

/** Writes saved values into existing variables, checking shapes (a checkpoint of another config fails loudly). */
export function assignAll(vars: readonly tf.Variable[], data: readonly TensorData[], what: string): void {
  if (vars.length !== data.length) throw new Error(`checkpoint: ${data.length} ${what}, this run has ${vars.length}`);
  vars.forEach((v, i) => {
    if (v.shape.join() !== data[i].shape.join()) throw new Error(`checkpoint: ${what} ${i} has shape [${data[i].shape}], this run's is [${v.shape}]`);
    tf.tidy(() => v.assign(toTensor(data[i])));
  });
}
