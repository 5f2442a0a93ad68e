import * as tf from '@tensorflow/tfjs-core';
import { cellRequests, extractPatches, jitteredCorners, type PatchGrid } from '../../augment/patches';
import { mixSeed, mulberry32, randInt } from '../../random';
import { TILES } from './permutations';

// Independent streams: the labels do not move when the jitter changes, and vice versa.
const STREAM_LABELS = 1;
const STREAM_JITTER = 2;

export interface JigsawBatch {
  /** 9B tiles, slot-major: row s·B + b is what slot s of puzzle b shows. */
  tiles: tf.Tensor4D;
  /** B labels: the index of the permutation in the set that shuffled image b. */
  labels: tf.Tensor1D;
  /** The same labels on the host (the snapshot draws the puzzles from them). */
  labelValues: Int32Array;
}

/**
 * One puzzle per image (Noroozi & Favaro 2016, §3): draw a permutation index uniformly from the
 * set, then slot s of the puzzle shows the tile of grid cell perm[s] (cells row-major, each tile
 * jittered inside its cell). The network sees the tiles in slot order and must name the index.
 */
export function jigsawBatch(images: tf.Tensor4D, grid: PatchGrid, perms: Uint8Array, seed: number): JigsawBatch {
  const b = images.shape[0];
  const count = perms.length / TILES;
  const rng = mulberry32(mixSeed(seed, STREAM_LABELS));
  const labelValues = Int32Array.from({ length: b }, () => randInt(rng, count));
  const imageOf = new Int32Array(TILES * b);
  const cellOf = new Int32Array(TILES * b);
  for (let s = 0; s < TILES; s++) {
    for (let i = 0; i < b; i++) {
      imageOf[s * b + i] = i;
      cellOf[s * b + i] = perms[labelValues[i] * TILES + s];
    }
  }
  const corners = jitteredCorners(b, grid, mixSeed(seed, STREAM_JITTER));
  return tf.tidy(() => ({
    tiles: extractPatches(images, cellRequests(corners, imageOf, cellOf), grid.size),
    labels: tf.tensor1d(labelValues, 'int32'),
    labelValues,
  }));
}

/**
 * The paper's late fusion (the "context-free network", §3.1): each tile through the shared
 * encoder on its own, then the 9 features concatenated in slot order. features: 9B×D slot-major
 * (jigsawBatch's row order); returns B × 9D.
 */
export function puzzleFeatures(features: tf.Tensor2D, batch: number): tf.Tensor2D {
  return tf.tidy(() => {
    const d = features.shape[1];
    return tf.reshape(tf.transpose(tf.reshape(features, [TILES, batch, d]), [1, 0, 2]), [batch, TILES * d]) as tf.Tensor2D;
  });
}
