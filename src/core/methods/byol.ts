import * as tf from '@tensorflow/tfjs-core';
import { byolSpec } from '../config/methods/byol';
import { byolLoss, multiCropMean, stopGradient } from '../losses';
import { smallCropSettings } from '../config/methods/multiCrop';
import { byolHeadBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { cosineMomentum } from '../train/ema';
import { defineMethod } from './define';
import { viewSimilarityPicture } from './shared/pictures';
import { createTargetNetwork, smallCropsOf, twoViews } from './shared';

/**
 * BYOL (Grill et al. 2020): the online network (encoder, projector, predictor) regresses the target
 * network's projection of another view; the target is an EMA of the online encoder and projector.
 * Two switches reproduce the paper's ablation (Table 5(b)): without predictor and without EMA target
 * the representation collapses.
 */
export const byol = defineMethod(byolSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  const { projHidden: hidden, projDim: dim } = knobs;
  // Projector and predictor share one shape (paper §3.2: Linear 4096 – BN – ReLU – Linear 256); the
  // headNorm knob swaps the BN for none or GroupNorm + WS (nets/heads.ts byolHeadBlocks).
  const projector = createMlp(byolHeadBlocks('projector', knobs.headNorm, encoder.outDim, hidden, dim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
  const predictor = knobs.predictor ? createMlp(byolHeadBlocks('predictor', knobs.headNorm, dim, hidden, dim), { seed: mixSeed(ctx.seed, 2), name: 'predictor' }) : null;
  // EMA off: no separate weights; the target is the online network under stop-gradient (τ = 0).
  const target = knobs.ema ? createTargetNetwork({ encoder, head: projector }) : null;

  const project = (x: tf.Tensor4D) => projector.apply(encoder.apply(x));
  const crops = smallCropSettings(knobs);
  const predict = (z: tf.Tensor2D) => (predictor ? predictor.apply(z) : z);
  const targetOf = (x: tf.Tensor4D) => (target ? target.apply(x) : stopGradient(project(x)));
  const picture = viewSimilarityPicture(ctx, (x) => predict(project(x)), targetOf, 'Similarity of predictions (view 1) and targets (view 2)');

  return {
    heads: predictor ? [projector.params, predictor.params] : [projector.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [v1, v2] = twoViews(images, config.aug, seed);
        // Views pass one at a time, as in the authors' code: each BatchNorm sees one view's batch.
        const small = smallCropsOf(images, config.aug, crops, seed);
        const [p1, p2, ...pSmall] = [v1, v2, ...small].map((v) => predict(project(v)));
        const [z1, z2] = [v1, v2].map(targetOf);
        // Symmetrised: L + L̃, each view predicts the other's target (paper eq. 2 and after).
        if (small.length === 0) return tf.add(byolLoss(p1, z2), byolLoss(p2, z1)) as tf.Scalar;
        // Multi-crop as DINO's teacher and student: the target sees the global views only, every
        // other view predicts each of them; twice the mean, so two views alone give L + L̃.
        const views = [{ p: p1, z: z1 }, { p: p2, z: z2 }, ...pSmall.map((p) => ({ p, z: null }))];
        return tf.mul(2, multiCropMean(views, 2, 'targeted', (target, other) => byolLoss(other.p, target.z!))) as tf.Scalar;
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
