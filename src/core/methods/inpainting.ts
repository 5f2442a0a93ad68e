import * as tf from '@tensorflow/tfjs-core';
import { inpaintingSpec } from '../config/methods/inpainting';
import { mixSeed } from '../random';
import type { SnapshotImages } from '../train/run';
import { createDecoder, decoderBlocks } from './inpainting/decoder';
import { createDiscriminator, type Discriminator } from './inpainting/discriminator';
import { completed, holeCorners, holeLoss, holeMasks, maskedInput, type HoleRegion } from './inpainting/masks';
import type { MethodInstance } from './types';
import { defineMethod, type MetricName } from './define';
import { fixedImages } from './shared';

/**
 * Context encoder (Pathak et al. 2016): hide a square of each image (filled with the mean pixel),
 * encode the rest with the trainer's encoder (its spatial map, before pooling), decode the whole
 * image and score the hidden region with L2 (eq. 1), optionally mixed with an adversarial loss from a
 * small discriminator (§3.2, eq. 3: λ_rec·L_rec + λ_adv·L_adv with λ_adv = advWeight, λ_rec = 1 − λ_adv).
 * The discriminator trains itself in afterStep (inpainting/discriminator.ts) on the batch the loss
 * kept for it.
 */

/** Fixed images for the reconstruction metric and the snapshot (the first SHOWN are drawn). */
const EVAL_IMAGES = 64;
const SHOWN = 6;

export const inpainting = defineMethod(inpaintingSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  if (!encoder.applyMap) throw new Error('inpainting decodes from the encoder’s spatial map; this backbone has none');
  const region: HoleRegion = knobs.region;
  const size = Math.min(knobs.holeSize, ctx.height, ctx.width);
  const { holeOverlap: overlap, advWeight } = knobs;
  const fill = meanPixel(ctx.dataset.pixels, ctx.unlabelled, ctx.height * ctx.width * ctx.channels);
  const mapShape = tf.tidy(() => encoder.applyMap!(tf.zeros([1, ctx.height, ctx.width, ctx.channels]) as tf.Tensor4D).shape);
  const ups = Math.ceil(Math.log2(ctx.height / mapShape[1]));
  const decoder = createDecoder({
    mapHeight: mapShape[1],
    mapWidth: mapShape[2],
    inChannels: mapShape[3],
    blocks: decoderBlocks(mapShape[3], config.width, ctx.channels, ups),
    height: ctx.height,
    width: ctx.width,
    seed: mixSeed(ctx.seed, 1),
  });
  const discriminator: Discriminator | null =
    advWeight > 0 ? createDiscriminator({ channels: ctx.channels, width: config.width, lr: config.lr, seed: mixSeed(ctx.seed, 2) }) : null;
  /** The step's real and completed images, kept by loss() for the discriminator's afterStep update. */
  let pending: { real: tf.Tensor4D; fake: tf.Tensor4D } | null = null;
  const dropPending = () => {
    if (pending) tf.dispose([pending.real, pending.fake]);
    pending = null;
  };

  const forward = (images: tf.Tensor4D, seed: number) =>
    tf.tidy(() => {
      const corners = holeCorners(images.shape[0], ctx.height, ctx.width, size, region, seed);
      const m = holeMasks(corners, ctx.height, ctx.width, size, overlap);
      const shape: [number, number, number, number] = [images.shape[0], ctx.height, ctx.width, 1];
      const hole = tf.tensor4d(m.hole, shape);
      const input = maskedInput(images, hole, fill);
      const pred = decoder.apply(encoder.applyMap!(input));
      const rec = holeLoss(pred, images, tf.tensor4d(m.weight, shape), m.count);
      return { input, pred, rec, full: completed(images, pred, hole) };
    });
  const evalImages = fixedImages(ctx, EVAL_IMAGES);
  const evalSeed = mixSeed(ctx.seed, 3);

  const instance: MethodInstance<MetricName<typeof inpaintingSpec>> & { discriminator: Discriminator | null } = {
    heads: [decoder.params],
    discriminator,
    loss({ images, seed }) {
      return tf.tidy(() => {
        const { rec, full } = forward(images, seed);
        if (!discriminator) return rec;
        dropPending();
        pending = { real: tf.keep(images.clone()), fake: tf.keep(full.clone()) };
        return tf.add(tf.mul(rec, 1 - advWeight), tf.mul(discriminator.generatorLoss(full), advWeight)) as tf.Scalar;
      });
    },
    afterStep() {
      if (!discriminator || !pending) return;
      discriminator.train(pending.real, pending.fake);
      dropPending();
    },
    embed: (x) => encoder.apply(x),
    // The discriminator is not among the trainer's heads: its weights and its optimiser are the method's to save.
    async saveState() {
      return discriminator ? { numbers: {}, ...(await discriminator.saveState()) } : { tensors: {}, numbers: {} };
    },
    loadState(state) {
      discriminator?.loadState(state);
    },
    extraMetrics() {
      return tf.tidy(() => {
        const { rec, full } = forward(evalImages, evalSeed);
        // The L2 term alone (the loss mixes in the adversarial term when advWeight > 0).
        return { reconstructionL2: rec, ...(discriminator ? { discriminatorLoss: discriminator.loss(evalImages, full) } : {}) };
      });
    },
    async snapshot() {
      const shown = Math.min(SHOWN, evalImages.shape[0]);
      // Masked inputs, completions and originals in one tensor: one read-back.
      const stacked = tf.tidy(() => {
        const originals = tf.slice(evalImages, 0, shown);
        const { input, full } = forward(originals, evalSeed);
        return tf.concat([input, full, originals], 0);
      });
      const values = await stacked.data();
      stacked.dispose();
      return { images: [reconstructionImages(values, shown, ctx.height, ctx.width, ctx.channels)] };
    },
    dispose() {
      dropPending();
      decoder.params.dispose();
      discriminator?.dispose();
      evalImages.dispose();
    },
  };
  return instance;
});

/** Rows of (masked input, reconstruction, original) from the three stacked blocks of n images. */
function reconstructionImages(values: Float32Array | Int32Array | Uint8Array, n: number, height: number, width: number, channels: number): SnapshotImages {
  const per = height * width * channels;
  const image = (i: number) => Uint8ClampedArray.from(values.subarray(i * per, (i + 1) * per), (v) => 255 * v);
  return {
    title: 'Inpainting: the hole filled in by the decoder',
    columns: ['masked input', 'reconstruction', 'original'],
    height,
    width,
    channels,
    rows: Array.from({ length: n }, (_, i) => [image(i), image(n + i), image(2 * n + i)]),
  };
}

/** Mean pixel of the unlabelled images, in [0, 1]: the hole's fill (the paper's fill: the mean pixel value). */
function meanPixel(pixels: Uint8Array, indices: Int32Array, per: number): number {
  let sum = 0;
  for (const i of indices) for (let p = 0; p < per; p++) sum += pixels[i * per + p];
  return sum / Math.max(1, indices.length * per) / 255;
}
