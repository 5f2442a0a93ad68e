import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../../config/schema';
import { gatherFloat, makeSplits, type ImageDataset } from '../../data/dataset';
import { twoViews } from './views';

/** One previewed image and the two augmented views a joint-embedding method would see of it, 8-bit H×W×C. */
export interface PreviewSample {
  original: Uint8ClampedArray;
  view1: Uint8ClampedArray;
  view2: Uint8ClampedArray;
}

/**
 * The augmentation preview: the first `count` probe-test images (never trained on) and their two views
 * under the config's augmentations and seed, read back in one go (called between steps, never inside one).
 */
export async function augmentationPreview(ds: ImageDataset, config: ExperimentConfig, count: number): Promise<PreviewSample[]> {
  const indices = makeSplits(ds.count, config, config.seed).probeTest.subarray(0, count);
  const images = tf.tidy(() => {
    const x = tf.tensor4d(gatherFloat(ds, indices), [indices.length, ds.height, ds.width, ds.channels]);
    const toBytes = (t: tf.Tensor4D) => tf.cast(tf.round(tf.mul(tf.clipByValue(t, 0, 1), 255)), 'int32');
    return tf.stack([x, ...twoViews(x, config.aug, config.seed)].map(toBytes));
  });
  const values = await images.data();
  images.dispose();
  const per = ds.height * ds.width * ds.channels;
  const image = (which: number, i: number) => Uint8ClampedArray.from(values.subarray((which * indices.length + i) * per, (which * indices.length + i + 1) * per));
  return Array.from(indices, (_, i) => ({ original: image(0, i), view1: image(1, i), view2: image(2, i) }));
}
