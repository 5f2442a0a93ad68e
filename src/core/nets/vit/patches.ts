import * as tf from '@tensorflow/tfjs-core';

/**
 * Cutting images into non-overlapping p×p patches, ViT's tokenisation (Dosovitskiy et al. 2021,
 * §3.1: "reshape the image x ∈ R^{H×W×C} into a sequence of flattened 2D patches x_p ∈
 * R^{N×(P²·C)}"). Patches are row-major over the grid; each patch is flattened row-major as
 * (y, x, c), the order of MAE's `patchify` (He et al. 2022, their `models_mae.py`).
 */
export interface PatchGrid {
  patch: number;
  rows: number;
  cols: number;
  channels: number;
  /** Number of patches L = rows·cols. */
  tokens: number;
  /** Values per patch P = patch²·channels. */
  patchDim: number;
  /**
   * Where the patched region starts. A side that is not a multiple of the patch size is cropped
   * centrally to the largest multiple (e.g. 32 px with patch 7: the central 28 px), so any patch
   * size works on any image instead of failing.
   */
  top: number;
  left: number;
}

export function patchGrid(height: number, width: number, channels: number, patch: number): PatchGrid {
  if (!Number.isInteger(patch) || patch < 1) throw new Error(`patch size must be a positive integer, got ${patch}`);
  const rows = Math.floor(height / patch);
  const cols = Math.floor(width / patch);
  if (rows < 1 || cols < 1) throw new Error(`patch size ${patch} is larger than the ${height}×${width} image`);
  return {
    patch,
    rows,
    cols,
    channels,
    tokens: rows * cols,
    patchDim: patch * patch * channels,
    top: Math.floor((height - rows * patch) / 2),
    left: Math.floor((width - cols * patch) / 2),
  };
}

/** B×H×W×C → B×L×P (after the central crop of PatchGrid). Reshapes and one transpose: has gradients. */
export function patchify(x: tf.Tensor4D, grid: PatchGrid): tf.Tensor3D {
  const [b, h, w, c] = x.shape;
  const { patch: p, rows, cols } = grid;
  if (c !== grid.channels) throw new Error(`patchify: image has ${c} channels, grid expects ${grid.channels}`);
  return tf.tidy(() => {
    const cropped = rows * p === h && cols * p === w ? x : tf.slice(x, [0, grid.top, grid.left, 0], [b, rows * p, cols * p, c]);
    const six = tf.reshape(cropped, [b, rows, p, cols, p, c]);
    return tf.reshape(tf.transpose(six, [0, 1, 3, 2, 4, 5]), [b, rows * cols, p * p * c]) as tf.Tensor3D;
  });
}

/** B×L×P → B×(rows·p)×(cols·p)×C, the inverse of patchify on the cropped region. */
export function unpatchify(patches: tf.Tensor3D, grid: PatchGrid): tf.Tensor4D {
  const [b, l, pd] = patches.shape;
  const { patch: p, rows, cols, channels: c } = grid;
  if (l !== grid.tokens || pd !== grid.patchDim) throw new Error(`unpatchify: got [${b}, ${l}, ${pd}], grid wants [B, ${grid.tokens}, ${grid.patchDim}]`);
  return tf.tidy(() => {
    const six = tf.reshape(patches, [b, rows, cols, p, p, c]);
    return tf.reshape(tf.transpose(six, [0, 1, 3, 2, 4, 5]), [b, rows * p, cols * p, c]) as tf.Tensor4D;
  });
}
