import * as tf from '@tensorflow/tfjs-core';

/**
 * Rotates every image counter-clockwise by k·90° (the four classes of rotation prediction, Gidaris
 * et al. 2018) with transpose + reverse only: exact, no interpolation, supported by every backend.
 * For a non-square image k = 1, 3 return W × H.
 */
export function rotate90(images: tf.Tensor4D, k: 0 | 1 | 2 | 3): tf.Tensor4D {
  return tf.tidy(() => {
    switch (k) {
      case 0:
        return images.clone();
      // Counter-clockwise 90°: the last column becomes the first row (numpy's rot90).
      case 1:
        return tf.reverse(tf.transpose(images, [0, 2, 1, 3]), 1);
      case 2:
        return tf.reverse(images, [1, 2]);
      case 3:
        return tf.reverse(tf.transpose(images, [0, 2, 1, 3]), 2);
    }
  });
}
