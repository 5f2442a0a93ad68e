import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../../config/schema';
import { gatherFloat, makeSplits, type ImageDataset } from '../../data/dataset';
import { augmentBatch, viewAug } from '../../augment';
import { mixSeed } from '../../random';

/** One previewed image and the augmented views a joint-embedding method would see of it, 8-bit H×W×C. */
export interface PreviewSample {
  original: Uint8ClampedArray;
  view1: Uint8ClampedArray;
  view2: Uint8ClampedArray;
  /** Every view asked for (view1 and view2 first): the augmentation studio's columns. */
  views: Uint8ClampedArray[];
}

/**
 * The augmentation preview: the first `count` probe-test images (never trained on) and `views` views
 * of each under the config's augmentations and seed, read back in one go (called between steps, never
 * inside one). Views 1 and 2 are exactly what twoViews gives a two-view method at this seed; view k
 * comes from sub-seed k, with BYOL's per-view pipeline alternating when `asymmetric` is on.
 */
export async function augmentationPreview(ds: ImageDataset, config: ExperimentConfig, count: number, views = 2): Promise<PreviewSample[]> {
  const indices = makeSplits(ds.count, config, config.seed).probeTest.subarray(0, count);
  const nViews = Math.max(2, views);
  const images = tf.tidy(() => {
    const x = tf.tensor4d(gatherFloat(ds, indices), [indices.length, ds.height, ds.width, ds.channels]);
    const toBytes = (t: tf.Tensor4D) => tf.cast(tf.round(tf.mul(tf.clipByValue(t, 0, 1), 255)), 'int32');
    const all = Array.from({ length: nViews }, (_, v) => augmentBatch(x, viewAug(config.aug, v % 2), mixSeed(config.seed, v + 1)));
    return tf.stack([x, ...all].map(toBytes));
  });
  const values = await images.data();
  images.dispose();
  const per = ds.height * ds.width * ds.channels;
  const image = (which: number, i: number) => Uint8ClampedArray.from(values.subarray((which * indices.length + i) * per, (which * indices.length + i + 1) * per));
  return Array.from(indices, (_, i) => {
    const all = Array.from({ length: nViews }, (_, v) => image(v + 1, i));
    return { original: image(0, i), view1: all[0], view2: all[1], views: all.slice(0, Math.max(1, views)) };
  });
}
