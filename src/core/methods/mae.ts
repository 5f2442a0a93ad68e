import * as tf from '@tensorflow/tfjs-core';
import { maeSpec } from '../config/methods/mae';
import { augmentBatch, firstMasks, samplePatchMasks } from '../augment';
import { maeLoss } from '../losses';
import { asVit, patchify } from '../nets/vit';
import { warmupCosine } from '../nets/vit/schedule';
import { mixSeed } from '../random';
import { createMaeDecoder } from './mae/decoder';
import { hiddenPixelMse, reconstruct, reconstructionColumns, toSnapshotImages } from './mae/reconstruct';
import { defineMethod } from './define';
import { fixedImages } from './shared';

/**
 * MAE (He et al. 2022): hide a large random share of the patches, encode only the visible ones with
 * the ViT, and let a light decoder with mask tokens predict the hidden patches' pixels; the loss
 * (maeLoss) counts hidden patches only. Knobs and their paper values: config/methods/mae.ts.
 */

/** Images in the live reconstruction panel. */
const SHOWN = 6;
/** Fixed images the reconMse metric averages over (the first SHOWN are the ones displayed). */
const METRIC_IMAGES = 64;
/** MAE's warmup: 40 of 800 epochs (Table 8). */
const WARMUP_FRACTION = 40 / 800;

export const mae = defineMethod(maeSpec, (ctx, knobs) => {
  const vit = asVit(ctx.encoder);
  const { config } = ctx;
  const grid = vit.grid;
  const { maskRatio, maskType, normPixels } = knobs;
  const decoder = createMaeDecoder({
    encoderDim: vit.dim,
    dim: knobs.decoderDim,
    depth: knobs.decoderDepth,
    // MAE's decoder has as many heads as its encoder (16 for ViT-L and for the 512-d decoder).
    heads: vit.options.heads,
    grid,
    seed: mixSeed(ctx.seed, 1),
    clsTokens: vit.clsTokens,
  });
  // MAE trains with random-resized crops and flips only; colour jitter hurts it (Table 1e).
  const aug = { ...config.aug, jitter: false, blur: false, noise: false };
  const masksFor = (batch: number, seed: number) => samplePatchMasks(maskType, batch, grid.rows, grid.cols, maskRatio, seed);

  // Fixed unlabelled images and masks for the reconstructions and reconMse: the same every
  // reading, so changes are the network's.
  const metricImages = fixedImages(ctx, METRIC_IMAGES);
  const fixedCount = metricImages.shape[0];
  const fixedMasks = masksFor(fixedCount, mixSeed(ctx.seed, 2));
  const shown = Math.min(SHOWN, fixedCount);
  const hiddenShare = 1 - fixedMasks.visibleCount / grid.tokens;

  return {
    heads: [decoder.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const view = augmentBatch(images, aug, mixSeed(seed, 1));
        const masks = masksFor(images.shape[0], mixSeed(seed, 2));
        const hidden = tf.tensor2d(masks.hidden, [masks.batch, grid.tokens]);
        const predicted = decoder.apply(vit.encodeVisible(view, masks.visible), masks.visible, hidden);
        return maeLoss(predicted, patchify(view, grid), hidden, normPixels);
      });
    },
    // The loss acts on pixels; the representation is the encoder's, on whole unmasked images.
    embed: (x) => vit.apply(x),
    learningRate: (step, total, base) => warmupCosine(step, total, base, WARMUP_FRACTION),
    extraMetrics() {
      return tf.tidy(() => ({ reconMse: hiddenPixelMse(reconstruct(vit, decoder, metricImages, fixedMasks, normPixels)) }));
    },
    async snapshot() {
      const columns = tf.tidy(() =>
        reconstructionColumns(reconstruct(vit, decoder, tf.slice(metricImages, 0, shown), firstMasks(fixedMasks, shown), normPixels), vit),
      );
      const values = await columns.data();
      columns.dispose();
      const title = `Reconstructions (${maskType} mask, ${Math.round(hiddenShare * 100)}% hidden)`;
      return { images: [toSnapshotImages(values, shown, vit, title)] };
    },
    dispose() {
      decoder.params.dispose();
      metricImages.dispose();
    },
  };
});
