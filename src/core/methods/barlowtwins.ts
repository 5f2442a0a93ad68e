import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch } from '../augment';
import { gatherFloat } from '../data/dataset';
import { barlowTwinsLoss, crossCorrelation } from '../losses';
import { createMlp, type Block } from '../nets/mlp';
import { mixSeed } from '../random';
import { SHOWN_FEATURES, SNAPSHOT_IMAGES, correlationImage } from './barlowtwins/snapshot';
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
    // The snapshot's images and views are fixed, so the picture changes only with the weights.
    const shownIdx = ctx.unlabelled.subarray(0, Math.min(SNAPSHOT_IMAGES, ctx.unlabelled.length));
    const shownImages = tf.tensor4d(gatherFloat(ctx.dataset, shownIdx), [shownIdx.length, ctx.height, ctx.width, ctx.channels]);
    const shownSeed = mixSeed(ctx.seed, 0x5a);
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
      async snapshot() {
        const c = tf.tidy(() => {
          const [v1, v2] = [1, 2].map((k) => augmentBatch(shownImages, config.aug, mixSeed(shownSeed, k)));
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
  },
};
