import * as tf from '@tensorflow/tfjs-core';
import { vicregSpec } from '../config/methods/vicreg';
import { vicregLoss } from '../losses';
import { expanderBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { defineMethod } from './define';
import { twoViews } from './shared';

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
  return {
    heads: [expander.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [v1, v2] = twoViews(images, config.aug, seed);
        // Branches run separately, as the authors' code does: each BatchNorm sees one view.
        return vicregLoss(embed(v1), embed(v2), weights);
      });
    },
    embed,
    dispose() {
      expander.params.dispose();
    },
  };
});
