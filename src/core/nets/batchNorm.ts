import * as tf from '@tensorflow/tfjs-core';
import { batchNormTrain } from './batchNormTrain';
import type { ParamSet } from './params';

/**
 * BatchNorm for the encoder (Ioffe & Szegedy 2015) with PyTorch's semantics, which the reference
 * implementations use: while training, each channel is normalised with the current batch's mean and
 * biased variance, and running averages (momentum 0.1, unbiased variance) are updated; every other
 * read — probe, kNN, collapse metrics, embeddings, snapshots — uses the running averages, so an
 * image's features never depend on the batch it is read in.
 *
 * The mode is one flag for the whole process, set by the trainer around the optimiser's step
 * (`whileTraining`): a method's loss may run the encoder several times (two views, multi-crop, a
 * target network), and every one of those passes is a training pass; nothing outside the step is.
 */
let trainingDepth = 0;

/** Runs `fn` with every BatchNorm layer in training mode (batch statistics, running averages updated). */
export function whileTraining<T>(fn: () => T): T {
  trainingDepth += 1;
  try {
    return fn();
  } finally {
    trainingDepth -= 1;
  }
}

export function isTraining(): boolean {
  return trainingDepth > 0;
}

/** PyTorch's BatchNorm2d defaults. */
const EPSILON = 1e-5;
const MOMENTUM = 0.1;

export interface BatchNorm2d {
  /** Normalises a B×H×W×C map per channel (batch statistics while training, running ones otherwise). */
  apply(x: tf.Tensor4D): tf.Tensor4D;
}

/** A channel BatchNorm whose γ, β are trainable weights of `p` and whose running statistics are its buffers. */
export function createBatchNorm2d(p: ParamSet, name: string, channels: number): BatchNorm2d {
  const gamma = p.constant(`${name}.gamma`, [channels], 1);
  const beta = p.constant(`${name}.beta`, [channels], 0);
  const runningMean = p.buffer(`${name}.runningMean`, [channels], 0);
  const runningVar = p.buffer(`${name}.runningVar`, [channels], 1);
  return {
    apply(x) {
      return tf.tidy(() => {
        if (!isTraining()) return normalise(x, runningMean, runningVar, gamma, beta);
        const { y, mean, variance } = batchNormTrain(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, EPSILON);
        const count = x.size / channels;
        // The running averages are not part of the loss, so no gradient flows through them; their
        // variance is the unbiased one, as PyTorch keeps it (n / (n − 1)).
        const unbiased = tf.mul(variance, count / Math.max(1, count - 1));
        runningMean.assign(tf.add(tf.mul(runningMean, 1 - MOMENTUM), tf.mul(mean, MOMENTUM)));
        runningVar.assign(tf.add(tf.mul(runningVar, 1 - MOMENTUM), tf.mul(unbiased, MOMENTUM)));
        tf.dispose([mean, variance]);
        return y;
      });
    },
  };
}

function normalise(x: tf.Tensor4D, mean: tf.Tensor, variance: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor4D {
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPSILON))), gamma), beta) as tf.Tensor4D;
}
