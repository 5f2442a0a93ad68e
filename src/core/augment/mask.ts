import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../random';

/** One Bernoulli(p) draw per sample from a seeded host stream: 1 = apply the op to that sample. */
export function sampleMask(batch: number, p: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: batch }, () => (rng() < p ? 1 : 0));
}

/** x + m·(y − x) per sample: exactly x where m = 0, y where m = 1. */
export function mixByMask(x: tf.Tensor4D, y: tf.Tensor4D, mask: Float32Array): tf.Tensor4D {
  return tf.tidy(() => tf.add(x, tf.mul(tf.tensor4d(mask, [mask.length, 1, 1, 1]), tf.sub(y, x))));
}
