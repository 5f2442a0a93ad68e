import * as tf from '@tensorflow/tfjs-core';

/** Deterministic, non-symmetric test values without a tf RNG: sin of a scrambled index. */
export function pattern(shape: number[], salt = 0): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, (_, i) => 0.5 + 0.5 * Math.sin(1.7 * i + 0.31 * ((i * 7) % 13) + salt)), shape);
}

export async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}
