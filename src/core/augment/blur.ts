import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../random';

/** Below this σ the kernel is a delta to float precision; SimCLR's range starts here too. */
export const MIN_BLUR_SIGMA = 0.1;

/**
 * Gaussian blur as in SimCLR (Chen et al. 2020, Appendix A): σ uniform in [sigmaMin, sigmaMax]
 * (SimCLR: [0.1, 2]; one σ per call, i.e. per step, so the kernel is built once), each sample
 * blurred with probability p (SimCLR: ½).
 * Separable: a vertical then a horizontal depthwise pass of radius ceil(2σ), on a reflect-padded
 * image (torchvision pads by reflection) so the border is not darkened and a constant image stays
 * constant. sigmaMax < 0.1 means no blur.
 */
export function gaussianBlur(images: tf.Tensor4D, sigmaMax: number, seed: number, p = 0.5, sigmaMin = MIN_BLUR_SIGMA): tf.Tensor4D {
  const [batch, height, width, channels] = images.shape;
  const rng = mulberry32(seed);
  const lo = Math.min(Math.max(sigmaMin, MIN_BLUR_SIGMA), sigmaMax);
  const sigma = lo + (sigmaMax - lo) * rng();
  const mask = new Float32Array(batch);
  let any = false;
  for (let b = 0; b < batch; b++) {
    mask[b] = rng() < p ? 1 : 0;
    any ||= mask[b] === 1;
  }
  // Reflect padding needs radius < side; tiny multi-crop views get a truncated kernel.
  const radius = Math.min(Math.ceil(2 * sigma), height - 1, width - 1);
  if (sigmaMax < MIN_BLUR_SIGMA || !any || radius < 1) return tf.clone(images);

  const taps = gaussianTaps(sigma, radius);
  return tf.tidy(() => {
    const k = taps.length;
    // One tap set per channel: depthwise filters are [h, w, inChannels, multiplier].
    const tiled = new Float32Array(k * channels);
    for (let i = 0; i < k; i++) tiled.fill(taps[i], i * channels, (i + 1) * channels);
    const vertical = tf.tensor4d(tiled, [k, 1, channels, 1]);
    const horizontal = tf.tensor4d(tiled, [1, k, channels, 1]);
    const padded = tf.mirrorPad(images, [[0, 0], [radius, radius], [radius, radius], [0, 0]], 'reflect');
    const blurred = tf.depthwiseConv2d(tf.depthwiseConv2d(padded, vertical, 1, 'valid'), horizontal, 1, 'valid');
    // x + m·(blur − x): exactly x where m = 0, so unblurred samples are untouched.
    const m = tf.tensor4d(mask, [batch, 1, 1, 1]);
    return tf.add(images, tf.mul(m, tf.sub(blurred, images)));
  });
}

/** Normalised 1-D Gaussian taps at −radius…radius. */
export function gaussianTaps(sigma: number, radius: number): Float32Array {
  const taps = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    taps[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < taps.length; i++) taps[i] /= sum;
  return taps;
}
