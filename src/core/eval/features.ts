import * as tf from '@tensorflow/tfjs-core';
import { gatherFloat, type ImageDataset } from '../data/dataset';

/**
 * Runs `f` over the chosen images in chunks (bounded memory on small GPUs) and concatenates the rows.
 * The result stays on the device; nothing is read back here.
 */
export function featuresOf(
  ds: ImageDataset,
  indices: Int32Array,
  f: (x: tf.Tensor4D) => tf.Tensor2D,
  chunk = 256,
): tf.Tensor2D {
  const parts: tf.Tensor2D[] = [];
  for (let start = 0; start < indices.length; start += chunk) {
    const idx = indices.subarray(start, Math.min(indices.length, start + chunk));
    parts.push(
      tf.tidy(() => f(tf.tensor4d(gatherFloat(ds, idx), [idx.length, ds.height, ds.width, ds.channels]))),
    );
  }
  const all = tf.concat(parts, 0);
  parts.forEach((p) => p.dispose());
  return all;
}
