import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../random';

/**
 * The 3×3 patch grid of the classic pretext tasks: relative patch position (Doersch, Gupta & Efros
 * 2015, §3) and jigsaw puzzles (Noroozi & Favaro 2016, §3.2). The grid is centred in the image,
 * neighbouring patches are `gap` px apart, and every patch is shifted by up to ±`jitter` px on
 * each axis, so that the network cannot solve the task by continuing strokes across the border or
 * lining up patch edges (Doersch et al. §3.1, avoiding "trivial" solutions).
 *
 * Patches are copied exactly, pixel for pixel, with one `tf.gather` on the flattened batch; the
 * indices are built on the host from a seeded stream (no read-back).
 */
export interface PatchGrid {
  /** Side of a square patch in px. */
  size: number;
  gap: number;
  jitter: number;
  /** Top-left corner of cell (0, 0) before jitter; cell (r, c) starts `r·(size + gap)` further. */
  top: number;
  left: number;
  height: number;
  width: number;
}

/** Cells of the grid, row-major: cell r·3 + c; 4 is the centre. */
export const GRID_CELLS = 9;
export const CENTRE_CELL = 4;
/** Smallest patch the ConvNet encoder (two stride-2 layers) still maps to a 1×1 feature map. */
export const MIN_PATCH = 3;

/** The largest patch for which three patches, two gaps and the jitter on both sides fit. */
export function patchGrid(height: number, width: number, gap: number, jitter: number): PatchGrid {
  const size = Math.floor((Math.min(height, width) - 2 * gap - 2 * jitter) / 3);
  if (size < MIN_PATCH) {
    throw new Error(`a 3×3 grid with gap ${gap} px and jitter ±${jitter} px leaves ${size}-px patches in ${height}×${width} images (need ≥ ${MIN_PATCH})`);
  }
  const span = 3 * size + 2 * gap;
  return { size, gap, jitter, top: Math.floor((height - span) / 2), left: Math.floor((width - span) / 2), height, width };
}

/**
 * Jittered top-left corners of all 9 cells of every image: out[(b·9 + cell)·2 + {0: top, 1: left}].
 * Each offset is a whole number uniform in [−jitter, jitter], clamped inside the image.
 */
export function jitteredCorners(batch: number, grid: PatchGrid, seed: number): Int32Array {
  const rng = mulberry32(seed);
  const out = new Int32Array(batch * GRID_CELLS * 2);
  const shift = () => Math.floor(rng() * (2 * grid.jitter + 1)) - grid.jitter;
  for (let b = 0; b < batch; b++) {
    for (let cell = 0; cell < GRID_CELLS; cell++) {
      const r = Math.floor(cell / 3);
      const c = cell % 3;
      const top = grid.top + r * (grid.size + grid.gap) + shift();
      const left = grid.left + c * (grid.size + grid.gap) + shift();
      out[(b * GRID_CELLS + cell) * 2] = clamp(top, 0, grid.height - grid.size);
      out[(b * GRID_CELLS + cell) * 2 + 1] = clamp(left, 0, grid.width - grid.size);
    }
  }
  return out;
}

/** Which patches to cut: patch k is `size`×`size` from image `image[k]` at (`top[k]`, `left[k]`). */
export interface PatchRequests {
  image: Int32Array;
  top: Int32Array;
  left: Int32Array;
}

/**
 * Requests for `cells[k]` of image `images[k]`, read from the corners of jitteredCorners: the one
 * place that turns "cell of an image" into pixel positions, for both pretext tasks.
 */
export function cellRequests(corners: Int32Array, images: ArrayLike<number>, cells: ArrayLike<number>): PatchRequests {
  const n = images.length;
  const req: PatchRequests = { image: new Int32Array(n), top: new Int32Array(n), left: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    const at = (images[k] * GRID_CELLS + cells[k]) * 2;
    req.image[k] = images[k];
    req.top[k] = corners[at];
    req.left[k] = corners[at + 1];
  }
  return req;
}

/** Cuts the requested patches: N×size×size×C, an exact copy of the pixels (no interpolation). */
export function extractPatches(images: tf.Tensor4D, req: PatchRequests, size: number): tf.Tensor4D {
  const [, height, width, channels] = images.shape;
  const n = req.image.length;
  const idx = new Int32Array(n * size * size);
  let i = 0;
  for (let k = 0; k < n; k++) {
    for (let y = 0; y < size; y++) {
      const row = (req.image[k] * height + req.top[k] + y) * width + req.left[k];
      for (let x = 0; x < size; x++) idx[i++] = row + x;
    }
  }
  return tf.tidy(() => {
    const flat = tf.reshape(images, [-1, channels]);
    return tf.reshape(tf.gather(flat, tf.tensor1d(idx, 'int32')), [n, size, size, channels]) as tf.Tensor4D;
  });
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
