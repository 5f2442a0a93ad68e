import * as tf from '@tensorflow/tfjs-core';
import { barlowtwinsSpec } from '../config/methods/barlowtwins';
import { barlowTwinsLoss, crossCorrelation, multiCropMean } from '../losses';
import { smallCropSettings } from '../config/methods/multiCrop';
import { expanderBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { SHOWN_FEATURES, SNAPSHOT_IMAGES, correlationImage } from './barlowtwins/snapshot';
import { defineMethod } from './define';
import { fixedImages, smallCropsOf, twoViews } from './shared';

/**
 * Barlow Twins (Zbontar et al. 2021): one encoder and projector for both views; the loss pushes
 * the cross-correlation of the two views' standardised embeddings towards the identity (eq. 1).
 * The projector is the "expander" of §2 (nets/heads.ts).
 */
export const barlowtwins = defineMethod(barlowtwinsSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  const projector = createMlp(expanderBlocks(encoder.outDim, knobs.projHidden, knobs.projDim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
  const embed = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
  const crops = smallCropSettings(knobs);
  // The snapshot's images and views are fixed, so the picture changes only with the weights.
  const shownImages = fixedImages(ctx, SNAPSHOT_IMAGES);
  const shownSeed = mixSeed(ctx.seed, 0x5a);
  return {
    heads: [projector.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [v1, v2] = twoViews(images, config.aug, seed);
        // Each view through the projector on its own: the authors' code runs the two branches
        // separately, so each BatchNorm sees one view's batch, and the loss standardises per view.
        const small = smallCropsOf(images, config.aug, crops, seed);
        if (small.length === 0) return barlowTwinsLoss(embed(v1), embed(v2), knobs.lambda);
        // Multi-crop: each small crop against each global view, and the two global views (losses/multiCrop.ts).
        return multiCropMean([v1, v2, ...small].map(embed), 2, 'symmetric', (a, b) => barlowTwinsLoss(a, b, knobs.lambda));
      });
    },
    embed,
    async snapshot() {
      const c = tf.tidy(() => {
        const [v1, v2] = twoViews(shownImages, config.aug, shownSeed);
        const full = crossCorrelation(embed(v1), embed(v2));
        const k = Math.min(SHOWN_FEATURES, full.shape[0]);
        return tf.slice(full, [0, 0], [k, k]);
      });
      const values = await c.data();
      const k = c.shape[0];
      c.dispose();
      return { images: [correlationImage(values, k, 'Cross-correlation of the two views (→ identity)')] };
    },
    dispose() {
      projector.params.dispose();
      shownImages.dispose();
    },
  };
});
