import * as tf from '@tensorflow/tfjs-core';
import { mulberry32, randInt } from '../../random';

/**
 * Where the context encoder hides pixels, and the loss on them (Pathak et al. 2016, eq. 1:
 * L_rec = ‖M̂ ⊙ (x − F((1 − M̂) ⊙ x))‖², M̂ = 1 on the dropped region). Masks are built on the host
 * from a seeded stream and uploaded; nothing is read back.
 */

/** Loss weight of the overlap ring, as the paper weights the context it overlaps (§5.1). */
export const OVERLAP_WEIGHT = 10;

export type HoleRegion = 'center' | 'random';

export interface HoleMasks {
  /** B×H×W×1: 1 where the input is hidden. */
  hole: Float32Array;
  /** B×H×W×1 loss weights: 1 in the hole, OVERLAP_WEIGHT in the overlap ring, 0 elsewhere. */
  weight: Float32Array;
  /** Pixels the loss counts (hole plus ring), over the batch: the L2 term is a mean over them. */
  count: number;
}

/** Top-left corners of each image's square hole: centred, or uniform over all places it fits. */
export function holeCorners(batch: number, height: number, width: number, size: number, region: HoleRegion, seed: number): Int32Array {
  const rng = mulberry32(seed);
  const out = new Int32Array(batch * 2);
  for (let b = 0; b < batch; b++) {
    out[2 * b] = region === 'center' ? Math.floor((height - size) / 2) : randInt(rng, height - size + 1);
    out[2 * b + 1] = region === 'center' ? Math.floor((width - size) / 2) : randInt(rng, width - size + 1);
  }
  return out;
}

export function holeMasks(corners: Int32Array, height: number, width: number, size: number, overlap: number): HoleMasks {
  const batch = corners.length / 2;
  const hole = new Float32Array(batch * height * width);
  const weight = new Float32Array(batch * height * width);
  let count = 0;
  for (let b = 0; b < batch; b++) {
    const [top, left] = [corners[2 * b], corners[2 * b + 1]];
    // The ring is clipped at the image border.
    for (let y = Math.max(0, top - overlap); y < Math.min(height, top + size + overlap); y++) {
      for (let x = Math.max(0, left - overlap); x < Math.min(width, left + size + overlap); x++) {
        const i = (b * height + y) * width + x;
        const inside = y >= top && y < top + size && x >= left && x < left + size;
        hole[i] = inside ? 1 : 0;
        weight[i] = inside ? 1 : OVERLAP_WEIGHT;
        count++;
      }
    }
  }
  return { hole, weight, count };
}

/** The encoder's input: the image with the hole set to `fill` (the paper fills it with the mean pixel value). */
export function maskedInput(images: tf.Tensor4D, hole: tf.Tensor4D, fill: number): tf.Tensor4D {
  return tf.tidy(() => tf.add(tf.mul(images, tf.sub(1, hole)), tf.mul(hole, fill)) as tf.Tensor4D);
}

/** Weighted squared error over the loss region, divided by its pixel count: with no
 * overlap, the mean squared error over the hidden pixels. */
export function holeLoss(pred: tf.Tensor4D, target: tf.Tensor4D, weight: tf.Tensor4D, count: number): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(weight, tf.squaredDifference(pred, target))), Math.max(1, count * target.shape[3])) as tf.Scalar);
}

/** The image as the context encoder completes it: the context as given, the prediction in the hole. */
export function completed(images: tf.Tensor4D, pred: tf.Tensor4D, hole: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.add(tf.mul(images, tf.sub(1, hole)), tf.mul(pred, hole)) as tf.Tensor4D);
}
