import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset } from '../../data/dataset';
import { l2Normalize } from '../../losses/util';
import type { MethodSnapshot, SnapshotImages } from '../../train/run';
import { mixSeed } from '../../random';
import type { MethodContext } from '../types';
import { fixedImages } from './fixedImages';
import { twoViews } from './views';

/**
 * Pictures several methods draw in their panel (read back at the metrics cadence, never in a step):
 * a heat map of a matrix, the cosine-similarity matrix of two batches, and a gallery of the images
 * each most-used prototype or cluster claims.
 */

/**
 * A rows×cols matrix as an RGB picture with a diverging map: +1 red, 0 white, −1 blue (clipped to
 * [−1, 1]); each entry a cell×cell block so small matrices stay legible.
 */
export function heatmapImage(values: ArrayLike<number>, rows: number, cols: number, title: string, caption: string, cell = 3): SnapshotImages {
  if (values.length !== rows * cols) throw new Error(`heatmapImage: ${values.length} values for a ${rows}×${cols} matrix`);
  const width = cols * cell;
  const pixels = new Uint8ClampedArray(rows * cell * width * 3);
  for (let y = 0; y < rows * cell; y++) {
    for (let x = 0; x < width; x++) {
      const c = Math.max(-1, Math.min(1, values[Math.floor(y / cell) * cols + Math.floor(x / cell)]));
      const fade = 255 * (1 - Math.abs(c));
      const o = (y * width + x) * 3;
      pixels[o] = c < 0 ? fade : 255;
      pixels[o + 1] = fade;
      pixels[o + 2] = c > 0 ? fade : 255;
    }
  }
  return { title, columns: [caption], height: rows * cell, width, channels: 3, rows: [[pixels]] };
}

/** Cosine similarity of every row of a with every row of b (rows(a)×rows(b)), as a tensor. */
export function cosineMatrix(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(l2Normalize(a), l2Normalize(b), false, true));
}

/** Reads a matrix back (one read) and draws it as a heat map. */
export async function readHeatmap(m: tf.Tensor2D, title: string, caption: string): Promise<SnapshotImages> {
  const [rows, cols] = m.shape;
  const values = await m.data();
  m.dispose();
  return heatmapImage(values, rows, cols, title, caption, rows <= 16 ? 6 : 3);
}

/** 8-bit H×W×C copy of dataset image `index`. */
export function imageBytes(ds: ImageDataset, index: number): Uint8ClampedArray {
  const per = ds.height * ds.width * ds.channels;
  return Uint8ClampedArray.from(ds.pixels.subarray(index * per, (index + 1) * per));
}

/** Prototypes (rows) and images (columns) the gallery shows. */
export const GALLERY_PROTOTYPES = 8;
export const GALLERY_IMAGES = 8;

/**
 * The images each of the 8 most used prototypes (or clusters) claims: images are assigned to their
 * highest-scoring prototype; per prototype, its images with the highest scores, best first. `scores`
 * is n×K (host), `indices` the dataset indices of the n images. One row per prototype.
 */
export function prototypeGallery(scores: ArrayLike<number>, k: number, indices: ArrayLike<number>, ds: ImageDataset, title: string): SnapshotImages {
  const n = indices.length;
  const members: { image: number; score: number }[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (scores[i * k + c] > scores[i * k + best]) best = c;
    members[best].push({ image: i, score: scores[i * k + best] });
  }
  const used = members
    .map((m, c) => ({ c, m }))
    .filter((p) => p.m.length > 0)
    .sort((a, b) => b.m.length - a.m.length || a.c - b.c)
    .slice(0, GALLERY_PROTOTYPES);
  const rows = used.map(({ m }) => m.sort((a, b) => b.score - a.score).slice(0, GALLERY_IMAGES).map((e) => imageBytes(ds, indices[e.image])));
  const notes = used.map(({ c, m }) => m.slice(0, GALLERY_IMAGES).map((_, j) => ({ text: j === 0 ? `#${c} · ${m.length} images` : '' })));
  const columns = Array.from({ length: GALLERY_IMAGES }, (_, j) => (j === 0 ? 'best match' : ''));
  return { title, columns, height: ds.height, width: ds.width, channels: ds.channels, rows, notes };
}

/**
 * Reads n×K scores of the method's fixed images (fixedImages: the first n unlabelled ones) and draws
 * the prototype gallery from them: one read.
 */
export async function readGallery(scores: tf.Tensor2D, ctx: MethodContext, title: string): Promise<MethodSnapshot> {
  const [n, k] = scores.shape;
  const values = await scores.data();
  scores.dispose();
  return { images: [prototypeGallery(values, k, ctx.unlabelled.subarray(0, n), ctx.dataset, title)] };
}

/** Images in the view-similarity heat map: 16×16 cells stay legible and cost one small read. */
const SIMILARITY_IMAGES = 16;

/**
 * The contrastive and joint-embedding picture: cosine similarity between the online branch on view 1
 * (rows) and the target branch on view 2 (columns) of 16 fixed images with fixed views. Positives sit
 * on the diagonal; a collapsed embedding turns the whole square red.
 */
export function viewSimilarityPicture(
  ctx: MethodContext,
  online: (x: tf.Tensor4D) => tf.Tensor2D,
  target: (x: tf.Tensor4D) => tf.Tensor2D,
  title: string,
): { snapshot(): Promise<MethodSnapshot>; dispose(): void } {
  const images = fixedImages(ctx, SIMILARITY_IMAGES);
  const seed = mixSeed(ctx.seed, 0x5a);
  return {
    async snapshot() {
      const m = tf.tidy(() => {
        const [v1, v2] = twoViews(images, ctx.config.aug, seed);
        return cosineMatrix(online(v1), target(v2));
      });
      return { images: [await readHeatmap(m, title, 'rows: view 1 · columns: view 2 · positives on the diagonal')] };
    },
    dispose: () => images.dispose(),
  };
}
