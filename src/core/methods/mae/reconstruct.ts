import * as tf from '@tensorflow/tfjs-core';
import type { PatchMasks } from '../../augment/masks';
import { patchify, unpatchify, type VitEncoder } from '../../nets/vit';
import type { SnapshotImages } from '../../train/run';
import type { MaeDecoder } from './decoder';

/** ε of the per-patch normalisation, as in maeLoss (MAE's `(var + 1.e-6)**.5`). */
const NORM_PIX_EPSILON = 1e-6;
/** Hidden patches in the "masked input" column: mid grey, visible on black and on white strokes. */
const HIDDEN_FILL = 0.5;

export interface Reconstruction {
  /** B×L×P: the decoder's patches in pixel units (un-normalised when normPixels). */
  predicted: tf.Tensor3D;
  /** B×L×P: the input's patches. */
  target: tf.Tensor3D;
  hidden: tf.Tensor2D;
}

/**
 * Encoder + decoder on fixed images and masks. With normPixels the decoder predicts standardised
 * patches, so each is mapped back with its target patch's own mean and std (N − 1), the inverse of
 * maeLoss's normalisation, to be viewable as pixels.
 */
export function reconstruct(encoder: VitEncoder, decoder: MaeDecoder, images: tf.Tensor4D, masks: PatchMasks, normPixels: boolean): Reconstruction {
  return tf.tidy(() => {
    const grid = encoder.grid;
    const hidden = tf.tensor2d(masks.hidden, [masks.batch, grid.tokens]);
    let predicted = decoder.apply(encoder.encodeVisible(images, masks.visible), masks.visible, hidden);
    const target = patchify(images, grid);
    if (normPixels) {
      const n = grid.patchDim;
      const { mean, variance } = tf.moments(target, 2, true);
      const std = tf.sqrt(tf.add(tf.mul(variance, n / (n - 1)), NORM_PIX_EPSILON));
      predicted = tf.add(tf.mul(predicted, std), mean) as tf.Tensor3D;
    }
    return { predicted, target, hidden };
  });
}

/** Pixel MSE over hidden patches only, in [0, 1] pixel units: comparable with normPixels on or off. */
export function hiddenPixelMse(r: Reconstruction): tf.Scalar {
  return tf.tidy(() => {
    const perPatch = tf.mean(tf.square(tf.sub(r.predicted, r.target)), 2);
    return tf.divNoNan(tf.sum(tf.mul(perPatch, r.hidden)), tf.sum(r.hidden)) as tf.Scalar;
  });
}

export const RECONSTRUCTION_COLUMNS = ['masked input', 'reconstruction', 'original'];

/**
 * The three columns of the paper's figures (He et al. 2022, Fig. 2–3) as one B·3×H×W×C tensor of
 * 0–255 values, column-major (all masked inputs, then all reconstructions, then all originals):
 * the input with hidden patches grey; the reconstruction with the visible patches pasted from the
 * input, as the paper shows them; the original.
 */
export function reconstructionColumns(r: Reconstruction, encoder: VitEncoder): tf.Tensor4D {
  return tf.tidy(() => {
    const h = tf.expandDims(r.hidden, 2);
    const visibleOnly = tf.add(tf.mul(r.target, tf.sub(1, h)), tf.mul(h, HIDDEN_FILL)) as tf.Tensor3D;
    const pasted = tf.add(tf.mul(r.target, tf.sub(1, h)), tf.mul(r.predicted, h)) as tf.Tensor3D;
    const all = tf.concat([visibleOnly, pasted, r.target], 0);
    return tf.round(tf.mul(tf.clipByValue(unpatchify(all, encoder.grid), 0, 1), 255)) as tf.Tensor4D;
  });
}

/** Splits the read-back columns into the SnapshotImages rows the UI renders. */
export function toSnapshotImages(values: ArrayLike<number>, count: number, encoder: VitEncoder, title: string): SnapshotImages {
  const { rows: gr, cols: gc, patch, channels } = encoder.grid;
  const height = gr * patch;
  const width = gc * patch;
  const per = height * width * channels;
  const rows: Uint8ClampedArray[][] = [];
  for (let i = 0; i < count; i++) {
    rows.push(RECONSTRUCTION_COLUMNS.map((_, col) => Uint8ClampedArray.from({ length: per }, (_, k) => values[(col * count + i) * per + k])));
  }
  return { title, columns: RECONSTRUCTION_COLUMNS, height, width, channels, rows };
}
