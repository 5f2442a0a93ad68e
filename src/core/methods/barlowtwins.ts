import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch } from '../augment';
import { barlowTwinsLoss } from '../losses';
import { createMlp, type Block } from '../nets/mlp';
import { mixSeed } from '../random';
import type { MethodDefinition } from './types';

/**
 * Barlow Twins (Zbontar et al. 2021): one encoder and projector for both views; the loss pushes
 * the cross-correlation of the two views' standardised embeddings towards the identity (eq. 1).
 */

/** The projector ("expander", §2): 3 linear layers, BN and ReLU after the hidden two. VICReg uses the same shape. */
export function expanderBlocks(inDim: number, hidden: number, out: number): Block[] {
  return [
    { in: inDim, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out, batchNorm: false, relu: false },
  ];
}

export const barlowtwins: MethodDefinition = {
  key: 'barlowtwins',
  create(ctx) {
    const { encoder, config } = ctx;
    const p = config.params;
    const lambda = p.lambda as number;
    const projector = createMlp(expanderBlocks(encoder.outDim, p.projHidden as number, p.projDim as number), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
    const embed = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
    return {
      heads: [projector.params],
      loss({ images, seed }) {
        return tf.tidy(() => {
          const v1 = augmentBatch(images, config.aug, mixSeed(seed, 1));
          const v2 = augmentBatch(images, config.aug, mixSeed(seed, 2));
          // Each view through the projector on its own: the authors' code runs the two branches
          // separately, so each BatchNorm sees one view's batch, and the loss standardises per view.
          return barlowTwinsLoss(embed(v1), embed(v2), lambda);
        });
      },
      embed,
      dispose() {
        projector.params.dispose();
      },
    };
  },
};
