import * as tf from '@tensorflow/tfjs-core';
import { vicregSpec } from '../config/methods/vicreg';
import { multiCropMean, vicregLoss } from '../losses';
import { smallCropSettings } from '../config/methods/multiCrop';
import { expanderBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { defineMethod } from './define';
import { fixedImages, smallCropsOf, twoViews } from './shared';
import { readHeatmap } from './shared/pictures';

/** Images the covariance picture is measured on (a batch's worth), and the features shown of it. */
const COVARIANCE_IMAGES = 64;
const SHOWN_FEATURES = 32;

/**
 * VICReg (Bardes et al. 2022): one encoder and expander for both views; the loss is invariance
 * (MSE between views) + variance (a hinge on each feature's std) + covariance (off-diagonal
 * penalty), each branch regularised on its own (§3). The expander has Barlow Twins' shape (§4.1).
 */
export const vicreg = defineMethod(vicregSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  const weights = { invariance: knobs.invariance, variance: knobs.variance, covariance: knobs.covariance };
  const expander = createMlp(expanderBlocks(encoder.outDim, knobs.projHidden, knobs.projDim), { seed: mixSeed(ctx.seed, 1), name: 'expander' });
  const embed = (x: tf.Tensor4D) => expander.apply(encoder.apply(x));
  const crops = smallCropSettings(knobs);
  // The picture's images are fixed and unaugmented, so it changes only with the weights.
  const shownImages = fixedImages(ctx, COVARIANCE_IMAGES);
  return {
    heads: [expander.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [v1, v2] = twoViews(images, config.aug, seed);
        // Branches run separately, as the authors' code does: each BatchNorm sees one view.
        const small = smallCropsOf(images, config.aug, crops, seed);
        if (small.length === 0) return vicregLoss(embed(v1), embed(v2), weights);
        // Multi-crop: each small crop against each global view, and the two global views (losses/multiCrop.ts).
        return multiCropMean([v1, v2, ...small].map(embed), 2, 'symmetric', (a, b) => vicregLoss(a, b, weights));
      });
    },
    embed,
    async snapshot() {
      const cov = tf.tidy(() => {
        const z = embed(shownImages);
        const centred = tf.sub(z, tf.mean(z, 0, true));
        const full = tf.div(tf.matMul(centred, centred, true, false), z.shape[0] - 1) as tf.Tensor2D;
        const k = Math.min(SHOWN_FEATURES, full.shape[0]);
        return tf.slice(full, [0, 0], [k, k]);
      });
      return { images: [await readHeatmap(cov, 'Covariance of the embedding (variance term: diagonal ≥ 1; covariance term: the rest → 0)', `features 1–${cov.shape[0]}`)] };
    },
    dispose() {
      shownImages.dispose();
      expander.params.dispose();
    },
  };
});
