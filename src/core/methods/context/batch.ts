import * as tf from '@tensorflow/tfjs-core';
import { CENTRE_CELL, cellRequests, extractPatches, jitteredCorners, type PatchGrid } from '../../augment/patches';

/**
 * The 8 neighbours of the centre patch in reading order, as Doersch et al. 2015 number them (Fig. 2:
 * 1 2 3 / 4 · 5 / 6 7 8): class k is grid cell NEIGHBOUR_CELLS[k].
 */
export const NEIGHBOUR_CELLS = [0, 1, 2, 3, 5, 6, 7, 8] as const;
export const POSITIONS = NEIGHBOUR_CELLS.length;

export interface ContextBatch {
  /** 9B patches: rows 0…B−1 the centres, then row B + k·B + b the neighbour of image b at class k. */
  patches: tf.Tensor4D;
  /** 8B labels, class-major like the neighbour rows: row k·B + b has class k. */
  labels: tf.Tensor1D;
}

/**
 * All 8 neighbours of every image, each with its own jitter. The paper samples one pair per image
 * (§3); taking all 8 here gives 8× the labelled pairs and exactly balanced classes at the cost of
 * one encoder pass over 9 patches, which is less than one full image (9·8² = 576 px < 28² = 784)
 * because the centre patch is encoded once and shared by its 8 pairs.
 */
export function contextBatch(images: tf.Tensor4D, grid: PatchGrid, seed: number): ContextBatch {
  const b = images.shape[0];
  const corners = jitteredCorners(b, grid, seed);
  const count = (1 + POSITIONS) * b;
  const imageOf = new Int32Array(count);
  const cellOf = new Int32Array(count);
  for (let row = 0; row < count; row++) {
    imageOf[row] = row % b;
    const slot = Math.floor(row / b);
    cellOf[row] = slot === 0 ? CENTRE_CELL : NEIGHBOUR_CELLS[slot - 1];
  }
  const labels = Int32Array.from({ length: POSITIONS * b }, (_, i) => Math.floor(i / b));
  return tf.tidy(() => ({
    patches: extractPatches(images, cellRequests(corners, imageOf, cellOf), grid.size),
    labels: tf.tensor1d(labels, 'int32'),
  }));
}

/**
 * Pair features for the classifier: [centre, neighbour] per row (the paper's late fusion: each patch
 * through the shared network, then concatenated, §3 and Fig. 3), from the features of the 9B
 * patches in contextBatch's row order. Returns 8B × 2D.
 */
export function pairFeatures(features: tf.Tensor2D, batch: number): tf.Tensor2D {
  return tf.tidy(() => {
    const centre = tf.slice(features, [0, 0], [batch, -1]);
    const neighbours = tf.slice(features, [batch, 0], [POSITIONS * batch, -1]);
    return tf.concat([tf.tile(centre, [POSITIONS, 1]), neighbours], 1) as tf.Tensor2D;
  });
}
