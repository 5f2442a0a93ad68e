import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../random';
import { mixByMask, sampleMask } from './mask';

/**
 * The colour half of SimCLR's colour distortion (Chen et al. 2020, Appendix A), batched: per-sample
 * saturation and hue, random greyscale, and BYOL's solarize (Grill et al. 2020, Table 6). Inputs
 * B×H×W×3 in [0, 1]; every random number comes from the seed; nothing is read back.
 */

/** ITU-R BT.601 luma weights, as torchvision's rgb_to_grayscale. */
const LUMA = [0.299, 0.587, 0.114] as const;

function luma(x: tf.Tensor4D): tf.Tensor4D {
  return tf.sum(tf.mul(x, tf.tensor1d(LUMA as unknown as number[])), 3, true) as tf.Tensor4D;
}

// RGB → YIQ (FCC NTSC) and back: Y is luma, hue is the angle in the I–Q plane.
const RGB_TO_YIQ = [
  [0.299, 0.587, 0.114],
  [0.5959, -0.2746, -0.3213],
  [0.2115, -0.5227, 0.3112],
];
/** The exact inverse (the published YIQ→RGB table is rounded, and would not give back the input at 0). */
function inverse3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}
const YIQ_TO_RGB = inverse3(RGB_TO_YIQ);

function matMul3(a: number[][], b: number[][]): number[][] {
  return a.map((row) => [0, 1, 2].map((j) => row[0] * b[0][j] + row[1] * b[1][j] + row[2] * b[2][j]));
}

/** The 3×3 matrix M with rgb' = M·rgb turning hue by `turns` of a full circle. */
export function hueMatrix(turns: number): number[][] {
  const a = 2 * Math.PI * turns;
  const rot = [
    [1, 0, 0],
    [0, Math.cos(a), -Math.sin(a)],
    [0, Math.sin(a), Math.cos(a)],
  ];
  return matMul3(YIQ_TO_RGB, matMul3(rot, RGB_TO_YIQ));
}

/**
 * Saturation factor uniform in [max(0, 1 − s), 1 + s] around each pixel's luma (torchvision's
 * adjust_saturation), then hue turned by uniform ±h turns (torchvision shifts H in HSV; a YIQ
 * rotation keeps luma and is one batched matrix product). Clipped to [0, 1] after each, as
 * torchvision clamps after each colour op.
 */
export function saturationHue(images: tf.Tensor4D, saturation: number, hue: number, seed: number): tf.Tensor4D {
  const [batch, height, width] = images.shape;
  const rng = mulberry32(seed);
  const sat = new Float32Array(batch);
  const mats = new Float32Array(batch * 9);
  for (let b = 0; b < batch; b++) {
    sat[b] = Math.max(0, 1 - saturation) + (1 + saturation - Math.max(0, 1 - saturation)) * rng();
    // Row-vector form: rgb'ᵀ = rgbᵀ·Mᵀ, so store Mᵀ.
    const m = hueMatrix(hue * (2 * rng() - 1));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) mats[b * 9 + i * 3 + j] = m[j][i];
  }
  return tf.tidy(() => {
    let x: tf.Tensor4D = images;
    if (saturation > 0) {
      const g = luma(x);
      x = tf.clipByValue(tf.add(g, tf.mul(tf.tensor4d(sat, [batch, 1, 1, 1]), tf.sub(x, g))), 0, 1);
    }
    if (hue > 0) {
      const flat = tf.reshape(x, [batch, height * width, 3]) as tf.Tensor3D;
      const turned = tf.matMul(flat, tf.tensor3d(mats, [batch, 3, 3]));
      x = tf.clipByValue(tf.reshape(turned, [batch, height, width, 3]), 0, 1);
    }
    return x === images ? tf.clone(images) : x;
  });
}

/** Each sample replaced by its luma in all three channels with probability p (SimCLR: 0.2). */
export function randomGrayscale(images: tf.Tensor4D, p: number, seed: number): tf.Tensor4D {
  const mask = sampleMask(images.shape[0], p, seed);
  if (!mask.some((m) => m === 1)) return tf.clone(images);
  return tf.tidy(() => mixByMask(images, tf.tile(luma(images), [1, 1, 1, 3]) as tf.Tensor4D, mask));
}

/** Pixels at or above ½ inverted (x → 1 − x), per sample with probability p (BYOL: 0.2 on view 2). */
export function solarize(images: tf.Tensor4D, p: number, seed: number): tf.Tensor4D {
  const mask = sampleMask(images.shape[0], p, seed);
  if (!mask.some((m) => m === 1)) return tf.clone(images);
  return tf.tidy(() => mixByMask(images, tf.where(tf.greaterEqual(images, 0.5), tf.sub(1, images), images) as tf.Tensor4D, mask));
}
