import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../random';

/**
 * Brightness/contrast jitter per sample, the grey-level part of SimCLR's colour distortion (Chen et
 * al. 2020, Appendix A: ColorJitter(0.8s, 0.8s, 0.8s, 0.2s)). As the knob's help says: brightness
 * is an additive shift uniform in ±0.8·s, contrast a factor uniform in [1 − s, 1 + s] around the
 * image's own mean (one mean over all pixels and channels, where torchvision uses the grey-scale
 * mean). With an additive shift the two commute, so no random order is needed. Output is clipped
 * to [0, 1], as torchvision clamps after each colour op, so the next op sees a valid image.
 */
export function colorJitter(images: tf.Tensor4D, strength: number, seed: number): tf.Tensor4D {
  const batch = images.shape[0];
  const rng = mulberry32(seed);
  const shift = new Float32Array(batch);
  const factor = new Float32Array(batch);
  for (let b = 0; b < batch; b++) {
    shift[b] = 0.8 * strength * (2 * rng() - 1);
    factor[b] = 1 + strength * (2 * rng() - 1);
  }
  return tf.tidy(() => {
    const mean = tf.mean(images, [1, 2, 3], true);
    const c = tf.tensor4d(factor, [batch, 1, 1, 1]);
    const s = tf.tensor4d(shift, [batch, 1, 1, 1]);
    // c·(x − m) + m + s
    return tf.clipByValue(tf.add(tf.add(tf.mul(tf.sub(images, mean), c), mean), s), 0, 1);
  });
}
