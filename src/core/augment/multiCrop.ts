import * as tf from '@tensorflow/tfjs-core';
import type { AugmentConfig } from '../config/schema';
import { mixSeed } from '../random';
import { augmentBatch } from './augmentBatch';
import { cropBatch, sampleCropBoxes } from './crop';

/**
 * Multi-crop (Caron et al. 2020, SwAV §3.2): `globalCrops` crops covering a large share of the image
 * (area in globalScale) at the input's full size, and `smallCrops` low-resolution crops
 * (area in smallScale) resized to smallSize × smallSize. Small crops cost little (12² / 28² ≈ 18% of
 * a global crop's pixels) yet add views that must agree with the global ones: the "local-to-global"
 * correspondence DINO (Caron et al. 2021, §3.1) trains on.
 */
export interface MultiCropOptions {
  /** SwAV and DINO use 2. */
  globalCrops: number;
  /** Area share range of a global crop, e.g. [0.4, 1]. */
  globalScale: readonly [number, number];
  smallCrops: number;
  smallSize: number;
  smallScale: readonly [number, number];
}

export interface MultiCropViews {
  /** B×H×W×C each, in crop order. */
  global: tf.Tensor4D[];
  /** B×smallSize×smallSize×C each. */
  small: tf.Tensor4D[];
}

/**
 * Every crop has its own seed stream: crop c (globals first, then smalls) draws its boxes and flips
 * from mixSeed(seed, c + 1), and the rest of the config's pipeline (jitter, blur, noise, clip) from
 * mixSeed(seed, c + 1, 2). So adding small crops leaves the global crops unchanged. Multi-crop does
 * the cropping itself: aug.crop, cropMin and cropMax are not used; aug.flip is.
 */
export function multiCrop(images: tf.Tensor4D, aug: AugmentConfig, opts: MultiCropOptions, seed: number): MultiCropViews {
  const [, height, width] = images.shape;
  if (opts.globalCrops < 1) throw new Error(`multiCrop needs at least one global crop, got ${opts.globalCrops}`);
  if (opts.smallCrops > 0 && !(opts.smallSize >= 1)) throw new Error(`multiCrop smallSize must be at least 1 px, got ${opts.smallSize}`);
  return tf.tidy(() => ({
    global: Array.from({ length: opts.globalCrops }, (_, c) => cropView(images, aug, [height, width], opts.globalScale, mixSeed(seed, c + 1))),
    small: Array.from({ length: opts.smallCrops }, (_, c) => cropView(images, aug, [opts.smallSize, opts.smallSize], opts.smallScale, mixSeed(seed, opts.globalCrops + c + 1))),
  }));
}

/**
 * Small crops only, beside views a method makes itself (multi-crop for SimCLR, BYOL, Barlow Twins,
 * VICReg and DeepCluster): crop c from mixSeed(seed, c + 1) as multiCrop's, so the caller passes a
 * seed of their own that its other views do not use.
 */
export function smallCrops(images: tf.Tensor4D, aug: AugmentConfig, opts: { count: number; size: number; scale: readonly [number, number] }, seed: number): tf.Tensor4D[] {
  if (opts.count > 0 && !(opts.size >= 1)) throw new Error(`multiCrop smallSize must be at least 1 px, got ${opts.size}`);
  return tf.tidy(() => Array.from({ length: opts.count }, (_, c) => cropView(images, aug, [opts.size, opts.size], opts.scale, mixSeed(seed, c + 1))));
}

/** One crop of every image: a box of area share in `[lo, hi]` resized to `size`, then the rest of the pipeline. */
function cropView(images: tf.Tensor4D, aug: AugmentConfig, size: [number, number], [lo, hi]: readonly [number, number], cropSeed: number): tf.Tensor4D {
  const [batch, height, width] = images.shape;
  const flipP = aug.flip ? aug.flipP : 0;
  // The crop is done here, so the pipeline after it runs with crop and flip off.
  const rest: AugmentConfig = { ...aug, crop: false, flip: false };
  const cropped = cropBatch(images, size, sampleCropBoxes(batch, height, width, lo, hi, cropSeed, flipP));
  const out = augmentBatch(cropped, rest, mixSeed(cropSeed, 2));
  cropped.dispose();
  return out;
}
