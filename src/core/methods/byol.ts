import * as tf from '@tensorflow/tfjs-core';
import { byolSpec } from '../config/methods/byol';
import { byolLoss, stopGradient } from '../losses';
import { projectorBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { cosineMomentum } from '../train/ema';
import { defineMethod } from './define';
import { viewSimilarityPicture } from './shared/pictures';
import { createTargetNetwork, twoViews } from './shared';

/**
 * BYOL (Grill et al. 2020): the online network (encoder, projector, predictor) regresses the target
 * network's projection of another view; the target is an EMA of the online encoder and projector.
 * Two switches reproduce the paper's ablation (Table 5(b)): without predictor and without EMA target
 * the representation collapses.
 */
export const byol = defineMethod(byolSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  const { projHidden: hidden, projDim: dim } = knobs;
  // Projector and predictor share one shape (paper §3.2: Linear 4096 – BN – ReLU – Linear 256).
  const projector = createMlp(projectorBlocks(encoder.outDim, hidden, dim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
  const predictor = knobs.predictor ? createMlp(projectorBlocks(dim, hidden, dim), { seed: mixSeed(ctx.seed, 2), name: 'predictor' }) : null;
  // EMA off: no separate weights; the target is the online network under stop-gradient (τ = 0).
  const target = knobs.ema ? createTargetNetwork({ encoder, head: projector }) : null;

  const project = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
  const predict = (z: tf.Tensor2D) => (predictor ? predictor.apply(z) : z);
  const targetOf = (x: tf.Tensor4D) => (target ? target.apply(x) : stopGradient(project(x)));
  const picture = viewSimilarityPicture(ctx, (x) => predict(project(x)), targetOf, 'Similarity of predictions (view 1) and targets (view 2)');

  return {
    heads: predictor ? [projector.params, predictor.params] : [projector.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [v1, v2] = twoViews(images, config.aug, seed);
        // Views pass one at a time, as in the authors' code: each BatchNorm sees one view's batch.
        const [p1, p2] = [v1, v2].map((v) => predict(project(v)));
        const [z1, z2] = [v1, v2].map(targetOf);
        // Symmetrised: L + L̃, each view predicts the other's target (paper eq. 2 and after).
        return tf.add(byolLoss(p1, z2), byolLoss(p2, z1)) as tf.Scalar;
      });
    },
    embed: project,
    ...(target
      ? {
          momentumPairs: () => target.pairs,
          targetBuffers: () => target.buffers,
          // τ rises from τ_base to 1 along a cosine (paper §3.2).
          momentum: (step: number, total: number) => cosineMomentum(knobs.tauBase, step, total),
        }
      : {}),
    snapshot: picture.snapshot,
    dispose() {
      picture.dispose();
      projector.params.dispose();
      predictor?.params.dispose();
      target?.dispose();
    },
  };
});
