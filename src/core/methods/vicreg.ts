import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch } from '../augment';
import { vicregLoss } from '../losses';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { expanderBlocks } from './barlowtwins';
import type { MethodDefinition } from './types';

/**
 * VICReg (Bardes et al. 2022): one encoder and expander for both views; the loss is invariance
 * (MSE between views) + variance (a hinge on each feature's std) + covariance (off-diagonal
 * penalty), each branch regularised on its own (§3). The expander has Barlow Twins' shape (§4.1).
 */
export const vicreg: MethodDefinition = {
  key: 'vicreg',
  create(ctx) {
    const { encoder, config } = ctx;
    const p = config.params;
    const weights = { invariance: p.invariance as number, variance: p.variance as number, covariance: p.covariance as number };
    const expander = createMlp(expanderBlocks(encoder.outDim, p.projHidden as number, p.projDim as number), { seed: mixSeed(ctx.seed, 1), name: 'expander' });
    const embed = (x: tf.Tensor4D) => expander.apply(encoder.apply(x));
    return {
      heads: [expander.params],
      loss({ images, seed }) {
        return tf.tidy(() => {
          const v1 = augmentBatch(images, config.aug, mixSeed(seed, 1));
          const v2 = augmentBatch(images, config.aug, mixSeed(seed, 2));
          // Branches run separately, as the authors' code does: each BatchNorm sees one view.
          return vicregLoss(embed(v1), embed(v2), weights);
        });
      },
      embed,
      dispose() {
        expander.params.dispose();
      },
    };
  },
};
