import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch, randomResizedCrop } from '../../augment';
import type { AugmentConfig } from '../../config/schema';
import { mixSeed } from '../../random';

/**
 * MSN's focal views (Assran et al. 2022, §3 "focal masking"): small random-resized crops that keep
 * one local block of the image, used as extra anchor views. The authors' code draws them with area
 * 0.05–0.3 at 96 px (rand views 0.3–1 at 224 px, `make_transforms`); here the lower bound is 0.1,
 * because 5 % of a 28 px digit (6×6 px) is mostly background.
 */
export const FOCAL_SCALE = [0.1, 0.3] as const;

/** Crop side in pixels: focalSize rounded down to whole patches, at least one patch. */
export function focalPixels(focalSize: number, patch: number, height: number): number {
  return Math.min(Math.floor(height / patch) * patch, Math.max(patch, Math.floor(focalSize / patch) * patch));
}

/**
 * `views` focal crops of every image, view-major (rows v·B … v·B + B − 1 are crop v), each with the
 * augmentation panel's flip, jitter, blur and noise (as MSN's focal transform has the rand view's).
 */
export function focalViews(images: tf.Tensor4D, views: number, size: number, aug: AugmentConfig, seed: number): tf.Tensor4D {
  const flipP = aug.flip ? aug.flipP : 0;
  const rest: AugmentConfig = { ...aug, crop: false, flip: false };
  return tf.tidy(() =>
    tf.concat(
      Array.from({ length: views }, (_, v) =>
        augmentBatch(randomResizedCrop(images, size, FOCAL_SCALE[0], FOCAL_SCALE[1], mixSeed(seed, v, 1), flipP), rest, mixSeed(seed, v, 2)),
      ),
      0,
    ),
  );
}
