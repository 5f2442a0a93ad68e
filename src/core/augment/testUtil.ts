import * as tf from '@tensorflow/tfjs-core';
import type { AugmentConfig } from '../config/schema';

/** Deterministic test images in [0, 1] without a tf RNG: a smooth pattern plus a checker. */
export function patternImages(batch: number, height: number, width: number, channels: number, lo = 0, hi = 1): tf.Tensor4D {
  const v = new Float32Array(batch * height * width * channels);
  let i = 0;
  for (let b = 0; b < batch; b++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < channels; c++) {
          const t = 0.5 + 0.35 * Math.sin(0.7 * x + 1.3 * y + 0.9 * b + 2 * c) + 0.15 * (((x + y + b) & 1) * 2 - 1);
          v[i++] = lo + (hi - lo) * Math.min(1, Math.max(0, t));
        }
  return tf.tensor4d(v, [batch, height, width, channels]);
}

export const ALL_OFF: AugmentConfig = {
  crop: false, cropMin: 0.3, cropMax: 1, flip: false, flipP: 0.5, jitter: false, jitterStrength: 0.4,
  blur: false, blurSigma: 1, noise: false, noiseStd: 0.1,
};

export const ALL_ON: AugmentConfig = { ...ALL_OFF, crop: true, flip: true, jitter: true, blur: true, noise: true };

export const NEUTRAL: AugmentConfig = {
  crop: true, cropMin: 1, cropMax: 1, flip: true, flipP: 0, jitter: true, jitterStrength: 0,
  blur: true, blurSigma: 0, noise: true, noiseStd: 0,
};

export async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}
