import type * as tf from '@tensorflow/tfjs-core';
import { augmentBatch, viewAug } from '../../augment';
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
