import type * as tf from '@tensorflow/tfjs-core';
import { augmentBatch, smallCrops, viewAug } from '../../augment';
import type { AugmentConfig } from '../../config/schema';
import { mixSeed } from '../../random';

/**
 * The two augmented views of every image that the joint-embedding and contrastive methods compare
 * (SimCLR, Chen et al. 2020, §2.1: t, t' ~ T), each from its own seed drawn from the step's; with
 * `asymmetric`, BYOL's two different pipelines (viewAug).
 */
export function twoViews(images: tf.Tensor4D, aug: AugmentConfig, seed: number): [tf.Tensor4D, tf.Tensor4D] {
  return [augmentBatch(images, viewAug(aug, 0), mixSeed(seed, 1)), augmentBatch(images, viewAug(aug, 1), mixSeed(seed, 2))];
}

/**
 * Small crops (multi-crop, augment/multiCrop.ts) of the same images, beside a method's own views;
 * drawn from a seed the two views do not use, so adding crops leaves the views as they were.
 */
export function smallCropsOf(images: tf.Tensor4D, aug: AugmentConfig, crops: { count: number; size: number; scale: readonly [number, number] }, seed: number): tf.Tensor4D[] {
  return crops.count > 0 ? smallCrops(images, aug, crops, mixSeed(seed, 0x5c)) : [];
}
