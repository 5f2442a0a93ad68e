import * as tf from '@tensorflow/tfjs-core';
import { jigsawSpec } from '../config/methods/jigsaw';
import { patchGrid, type PatchGrid } from '../augment/patches';
import { crossEntropy } from '../losses';
import { classifierBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import type { SnapshotImages } from '../train/run';
import { jigsawBatch, puzzleFeatures } from './jigsaw/batch';
import { hammingStats, maxHammingPermutations, TILES } from './jigsaw/permutations';
import { defineMethod } from './define';
import { fixedImages } from './shared';

/**
 * Jigsaw puzzles (Noroozi & Favaro 2016): 9 tiles of a 3×3 grid (gap and jitter, augment/patches.ts)
 * are shuffled by one of P permutations of maximal Hamming distance (jigsaw/permutations.ts), each
 * tile goes through the shared encoder, and a classifier on the concatenated features names the
 * permutation. Tiles are not normalised one by one as in the paper (§3, against low-level
 * shortcuts on photos): the probe reads whole digits, and blank tiles would divide by zero.
 */

/** Fixed images the pretext accuracy is measured on, with fixed puzzles, so its curve is comparable. */
const EVAL_IMAGES = 64;
/** Puzzles drawn in the snapshot. */
const SHOWN = 4;

export const jigsaw = defineMethod(jigsawSpec, (ctx, knobs) => {
  const { encoder } = ctx;
  const grid = patchGrid(ctx.height, ctx.width, knobs.gap, knobs.patchJitter);
  const count = knobs.permutations;
  const perms = maxHammingPermutations(count, mixSeed(ctx.seed, 3));
  const stats = hammingStats(perms);
  // The context-free network (§3.1): fc6 per tile, concatenation, fc7, fc8 (P-way); the
  // encoder's pooled features play fc6's part.
  const classifier = createMlp(classifierBlocks(TILES * encoder.outDim, knobs.clsHidden, count), { seed: mixSeed(ctx.seed, 1), name: 'jigsawClassifier' });
  const logitsOf = (images: tf.Tensor4D, seed: number) =>
    tf.tidy(() => {
      const { tiles, labels } = jigsawBatch(images, grid, perms, seed);
      return { logits: classifier.apply(puzzleFeatures(encoder.apply(tiles), images.shape[0])), labels };
    });
  const evalImages = fixedImages(ctx, EVAL_IMAGES);
  const evalSeed = mixSeed(ctx.seed, 2);
  return {
    heads: [classifier.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const { logits, labels } = logitsOf(images, seed);
        return crossEntropy(logits, labels, count);
      });
    },
    embed: (x) => encoder.apply(x),
    extraMetrics() {
      // Chance is 1/P; the paper reports this accuracy per permutation set (Table 3).
      return {
        pretextAccuracy: tf.tidy(() => {
          const { logits, labels } = logitsOf(evalImages, evalSeed);
          return tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar;
        }),
      };
    },
    async snapshot() {
      return {
        images: [await drawPuzzles(evalImages, grid, perms, evalSeed, (tiles, b) => classifier.apply(puzzleFeatures(encoder.apply(tiles), b)))],
        bars: [
          {
            title: `Permutation set (P = ${count}): pairs per Hamming distance — min ${stats.min}, mean ${stats.mean.toFixed(2)}`,
            labels: stats.histogram.map((_, d) => String(d)),
            values: stats.histogram,
          },
        ],
      };
    },
    dispose() {
      classifier.params.dispose();
      evalImages.dispose();
    },
  };
});

/**
 * The first SHOWN eval puzzles: tiles laid out in slot order on the unjittered grid, the same tiles
 * put back where the predicted permutation says they came from (the original layout when the
 * prediction is right), and the image; one read-back for pixels and predictions.
 */
async function drawPuzzles(
  evalImages: tf.Tensor4D,
  grid: PatchGrid,
  perms: Uint8Array,
  seed: number,
  logitsOf: (tiles: tf.Tensor4D, batch: number) => tf.Tensor2D,
): Promise<SnapshotImages> {
  const [, height, width, channels] = evalImages.shape;
  const shown = Math.min(SHOWN, evalImages.shape[0]);
  const flat = tf.tidy(() => {
    const images = tf.slice(evalImages, 0, shown);
    const { tiles, labels } = jigsawBatch(images, grid, perms, seed);
    const predicted = tf.argMax(logitsOf(tiles, shown), 1);
    return tf.concat([tf.reshape(images, [-1]), tf.reshape(tiles, [-1]), tf.cast(predicted, 'float32'), tf.cast(labels, 'float32')]);
  });
  const values = await flat.data();
  flat.dispose();
  const per = height * width * channels;
  const tileSize = grid.size * grid.size * channels;
  const predictedOf = (b: number) => values[shown * per + TILES * shown * tileSize + b];
  const labelOf = (b: number) => values[shown * per + TILES * shown * tileSize + shown + b];
  /** Puzzle b's tiles, slot s drawn at grid cell cellOf(s). */
  const layout = (b: number, cellOf: (s: number) => number) => {
    const out = new Uint8ClampedArray(per);
    for (let s = 0; s < TILES; s++) {
      const src = shown * per + (s * shown + b) * tileSize;
      const cell = cellOf(s);
      const top = grid.top + Math.floor(cell / 3) * (grid.size + grid.gap);
      const left = grid.left + (cell % 3) * (grid.size + grid.gap);
      for (let y = 0; y < grid.size; y++) {
        for (let x = 0; x < grid.size * channels; x++) {
          out[((top + y) * width + left) * channels + x] = 255 * values[src + y * grid.size * channels + x];
        }
      }
    }
    return out;
  };
  const rows = Array.from({ length: shown }, (_, b) => {
    const p = predictedOf(b);
    const original = Uint8ClampedArray.from(values.subarray(b * per, (b + 1) * per), (v) => 255 * v);
    return [layout(b, (s) => s), layout(b, (s) => perms[p * TILES + s]), original];
  });
  const notes = Array.from({ length: shown }, (_, b) => [
    { text: `permutation #${labelOf(b)}` },
    { text: `says #${predictedOf(b)}`, ok: predictedOf(b) === labelOf(b) },
    { text: '' },
  ]);
  return { title: 'Puzzles: tiles as the network sees them, and put back by its prediction', columns: ['shuffled tiles', 'predicted order', 'original'], height, width, channels, rows, notes };
}
