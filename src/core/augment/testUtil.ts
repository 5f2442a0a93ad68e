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

/** Format v1's knobs as they were, and v2's at their defaults (which keep v1's pipeline). */
const V2_DEFAULTS = {
  cropRatioMin: 0.75, cropRatioMax: 4 / 3, jitterP: 1, jitterSaturation: 0, jitterHue: 0, gray: false, grayP: 0.2,
  blurP: 0.5, blurSigmaMin: 0.1, solarize: false, solarizeP: 0.2, cutout: false, cutoutSize: 0.25, cutoutP: 0.5, asymmetric: false,
} as const;

export const ALL_OFF: AugmentConfig = {
  crop: false, cropMin: 0.3, cropMax: 1, flip: false, flipP: 0.5, jitter: false, jitterStrength: 0.4,
  blur: false, blurSigma: 1, noise: false, noiseStd: 0.1, ...V2_DEFAULTS,
};

/** Format v1's toggles on (the v2 ones stay off: their own tests turn them on). */
export const ALL_ON: AugmentConfig = { ...ALL_OFF, crop: true, flip: true, jitter: true, blur: true, noise: true };

/** Every toggle on at a strength that changes nothing. */
export const NEUTRAL: AugmentConfig = {
  crop: true, cropMin: 1, cropMax: 1, flip: true, flipP: 0, jitter: true, jitterStrength: 0,
  blur: true, blurSigma: 0, noise: true, noiseStd: 0, ...V2_DEFAULTS,
  jitterSaturation: 0, jitterHue: 0, gray: true, grayP: 0, solarize: true, solarizeP: 0, cutout: true, cutoutSize: 0, cutoutP: 1,
};

export async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}
