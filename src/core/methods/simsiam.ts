import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch } from '../augment';
import { negativeCosine, stopGradient } from '../losses';
import { createMlp, type Block } from '../nets/mlp';
import { mixSeed } from '../random';
import type { MethodDefinition } from './types';

/**
 * SimSiam (Chen & He 2021): one encoder and projector for both views, a predictor on top, and the
 * symmetrised negative cosine L = ½ D(p1, sg(z2)) + ½ D(p2, sg(z1)) (eq. 3). The stop-gradient is
 * what keeps it from collapsing (Fig. 2); the `stopGrad` knob turns it off for the demonstration.
 */

/** Projector (§3): 3 fc layers, BN on every one including the output, ReLU on the hidden two. */
export function simsiamProjectorBlocks(inDim: number, hidden: number, out: number): Block[] {
  return [
    { in: inDim, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out: hidden, batchNorm: true, relu: true },
    // The paper's output BN has no affine parameters; ours has γ, β (createMlp's BN), a harmless superset.
    { in: hidden, out, batchNorm: true, relu: false },
  ];
}

/** Predictor (§3): a bottleneck, fc–BN–ReLU to `hidden`, then a plain fc back to `dim`. */
export function simsiamPredictorBlocks(dim: number, hidden: number): Block[] {
  return [
    { in: dim, out: hidden, batchNorm: true, relu: true },
    { in: hidden, out: dim, batchNorm: false, relu: false },
  ];
}

export const simsiam: MethodDefinition = {
  key: 'simsiam',
  create(ctx) {
    const { encoder, config } = ctx;
    const p = config.params;
    const dim = p.projDim as number;
    const projector = createMlp(simsiamProjectorBlocks(encoder.outDim, p.projHidden as number, dim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
    const predictor = createMlp(simsiamPredictorBlocks(dim, p.predHidden as number), { seed: mixSeed(ctx.seed, 2), name: 'predictor' });
    const detach = p.stopGrad ? stopGradient : <T extends tf.Tensor>(t: T) => t;
    const embed = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
    return {
      heads: [projector.params, predictor.params],
      loss({ images, seed }) {
        return tf.tidy(() => {
          const v1 = augmentBatch(images, config.aug, mixSeed(seed, 1));
          const v2 = augmentBatch(images, config.aug, mixSeed(seed, 2));
          // Views pass one at a time, as in the authors' code: each BatchNorm sees one view's batch.
          const z1 = embed(v1);
          const z2 = embed(v2);
          const p1 = predictor.apply(z1);
          const p2 = predictor.apply(z2);
          return tf.mul(0.5, tf.add(negativeCosine(p1, detach(z2)), negativeCosine(p2, detach(z1)))) as tf.Scalar;
        });
      },
      embed,
      dispose() {
        projector.params.dispose();
        predictor.params.dispose();
      },
    };
  },
};
