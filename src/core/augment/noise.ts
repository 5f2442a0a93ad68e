import * as tf from '@tensorflow/tfjs-core';

/**
 * Additive Gaussian pixel noise (not in SimCLR's recipe; a cheap extra view difference for tiny
 * grey images). tf.randomNormal with an explicit seed draws on the host from a seeded generator,
 * so the same seed gives the same noise on every backend. Not clipped here: augmentBatch clips last.
 */
export function gaussianNoise(images: tf.Tensor4D, std: number, seed: number): tf.Tensor4D {
  if (std <= 0) return tf.clone(images);
  return tf.tidy(() => tf.add(images, tf.randomNormal(images.shape, 0, std, 'float32', seed)));
}
