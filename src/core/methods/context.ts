import * as tf from '@tensorflow/tfjs-core';
import { contextSpec } from '../config/methods/context';
import { patchGrid } from '../augment/patches';
import { crossEntropy } from '../losses';
import { classifierBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { contextBatch, pairFeatures, POSITIONS } from './context/batch';
import { defineMethod } from './define';
import { contextPicture } from './context/picture';

/** Images the position picture shows (each with one neighbour). */
const SHOWN = 8;
import { fixedImages } from './shared';

/**
 * Context prediction (Doersch, Gupta & Efros 2015): cut a 3×3 grid of patches (with a gap and
 * jitter, augment/patches.ts), encode the centre and each neighbour with the shared encoder, and
 * classify the neighbour's position from the concatenated features (8 classes). The ConvNet pools
 * globally, so the trainer's encoder takes the small patches as they are; the probe still reads
 * whole images through it.
 */

/** Fixed images the pretext accuracy is measured on, at a fixed jitter, so its curve is comparable. */
const EVAL_IMAGES = 64;
/** Arrows for the bars, in class order (NEIGHBOUR_CELLS). */
const POSITION_NAMES = ['↖', '↑', '↗', '←', '→', '↙', '↓', '↘'];

export const context = defineMethod(contextSpec, (ctx, knobs) => {
  const { encoder } = ctx;
  const grid = patchGrid(ctx.height, ctx.width, knobs.gap, knobs.patchJitter);
  // Paper Fig. 3: fc6 per patch, concatenation, fc7, fc8 (8-way). Here the encoder's pooled
  // features play fc6's part; the hidden layer has BatchNorm like the project's other heads.
  const classifier = createMlp(classifierBlocks(2 * encoder.outDim, knobs.clsHidden, POSITIONS), { seed: mixSeed(ctx.seed, 1), name: 'contextClassifier' });
  const logitsOf = (images: tf.Tensor4D, seed: number) =>
    tf.tidy(() => {
      const { patches, labels } = contextBatch(images, grid, seed);
      const logits = classifier.apply(pairFeatures(encoder.apply(patches), images.shape[0]));
      return { logits, labels };
    });
  const evalImages = fixedImages(ctx, EVAL_IMAGES);
  const evalSeed = mixSeed(ctx.seed, 2);
  /** 1 where the eval pair's position was predicted right; class-major like the labels. */
  const evalHits = () =>
    tf.tidy(() => {
      const { logits, labels } = logitsOf(evalImages, evalSeed);
      return tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32') as tf.Tensor1D;
    });
  return {
    heads: [classifier.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const { logits, labels } = logitsOf(images, seed);
        return crossEntropy(logits, labels, POSITIONS);
      });
    },
    embed: (x) => encoder.apply(x),
    extraMetrics() {
      // Chance is 1/8; the paper reports the pretext accuracy as the sign that the task is learnt.
      return { pretextAccuracy: tf.tidy(() => tf.mean(evalHits()) as tf.Scalar) };
    },
    async snapshot() {
      // Per-position accuracy, the shown patches and their predictions in one tensor: one read-back.
      const shown = Math.min(SHOWN, evalImages.shape[0]);
      const packed = tf.tidy(() => {
        const perClass = tf.mean(tf.reshape(evalHits(), [POSITIONS, -1]), 1);
        const { patches } = contextBatch(tf.slice(evalImages, 0, shown), grid, evalSeed);
        const predicted = tf.cast(tf.argMax(classifier.apply(pairFeatures(encoder.apply(patches), shown)), 1), 'float32');
        return tf.concat([perClass, tf.reshape(patches, [-1]), predicted]);
      });
      const all = await packed.data();
      packed.dispose();
      const values = Array.from(all.subarray(0, POSITIONS));
      return {
        images: [contextPicture(all.subarray(POSITIONS), shown, grid.size, ctx.channels, POSITION_NAMES)],
        bars: [{ title: 'Pretext accuracy per neighbour position (chance 1/8)', labels: POSITION_NAMES, values }],
      };
    },
    dispose() {
      classifier.params.dispose();
      evalImages.dispose();
    },
  };
});
