import * as tf from '@tensorflow/tfjs-core';
import { simsiamSpec } from '../config/methods/simsiam';
import { negativeCosine, stopGradient } from '../losses';
import { simsiamPredictorBlocks, simsiamProjectorBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { defineMethod } from './define';
import { viewSimilarityPicture } from './shared/pictures';
import { twoViews } from './shared';

/**
 * SimSiam (Chen & He 2021): one encoder and projector for both views, a predictor on top, and the
 * symmetrised negative cosine L = ½ D(p1, sg(z2)) + ½ D(p2, sg(z1)) (eq. 3). The stop-gradient is
 * what keeps it from collapsing (Fig. 2); the `stopGrad` knob turns it off for the demonstration.
 */
export const simsiam = defineMethod(simsiamSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  const dim = knobs.projDim;
  const projector = createMlp(simsiamProjectorBlocks(encoder.outDim, knobs.projHidden, dim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
  const predictor = createMlp(simsiamPredictorBlocks(dim, knobs.predHidden), { seed: mixSeed(ctx.seed, 2), name: 'predictor' });
  const detach = knobs.stopGrad ? stopGradient : <T extends tf.Tensor>(t: T) => t;
  const embed = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
  const picture = viewSimilarityPicture(ctx, (x) => predictor.apply(embed(x)), embed, 'Similarity of predictions (view 1) and projections (view 2)');
  return {
    heads: [projector.params, predictor.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [v1, v2] = twoViews(images, config.aug, seed);
        // Views pass one at a time, as in the authors' code: each BatchNorm sees one view's batch.
        const z1 = embed(v1);
        const z2 = embed(v2);
        const p1 = predictor.apply(z1);
        const p2 = predictor.apply(z2);
        return tf.mul(0.5, tf.add(negativeCosine(p1, detach(z2)), negativeCosine(p2, detach(z1)))) as tf.Scalar;
      });
    },
    embed,
    snapshot: picture.snapshot,
    dispose() {
      picture.dispose();
      projector.params.dispose();
      predictor.params.dispose();
    },
  };
});
