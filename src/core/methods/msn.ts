import * as tf from '@tensorflow/tfjs-core';
import { msnSpec } from '../config/methods/msn';
import { samplePatchMasks } from '../augment';
import { l2Normalize, msnLoss } from '../losses';
import { expanderBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { ParamSet } from '../nets/params';
import { asVit, patchGrid } from '../nets/vit';
import { warmupCosine } from '../nets/vit/schedule';
import { mixSeed } from '../random';
import { cosineMomentum } from '../train/ema';
import { focalPixels, focalViews } from './msn/focal';
import { defineMethod } from './define';
import { createTargetNetwork, fixedImages, twoViews } from './shared';
import { prototypeGallery } from './shared/pictures';
import { maskedViewsPicture } from './msn/picture';

/** Images whose masked anchor and target views the picture shows. */
const SHOWN_VIEWS = 4;

/**
 * MSN (Assran et al. 2022): an anchor view with a random share of its patches dropped (plus small
 * focal crops, also masked) goes through the online ViT and projector; the whole target view goes
 * through their EMA copies. Both are softly assigned to learned prototypes, and the anchors must
 * match the sharpened target assignment, with mean-entropy maximisation against collapse (msnLoss).
 * Knobs and their paper values: config/methods/msn.ts.
 */

/** MSN's released config: 15 warmup epochs of 800. */
const WARMUP_FRACTION = 15 / 800;
/** Fixed unlabelled images for the prototype-usage metrics and bars. */
const USAGE_IMAGES = 128;

export const msn = defineMethod(msnSpec, (ctx, knobs) => {
  const vit = asVit(ctx.encoder);
  const { config } = ctx;
  const maskRatio = knobs.msnMaskRatio;
  const views = knobs.focalViews;
  const focalSize = focalPixels(knobs.focalSize, vit.grid.patch, Math.min(ctx.height, ctx.width));
  const focalGrid = patchGrid(focalSize, focalSize, ctx.channels, vit.grid.patch);
  const lossOptions = { temperature: knobs.temperature, targetSharpen: knobs.targetSharpen, meMaxWeight: knobs.meMaxWeight };

  // MSN's projection head is Linear–BN–GELU twice then Linear (their `init_model`): the expander shape.
  const projector = createMlp(expanderBlocks(vit.dim, knobs.projHidden, knobs.projDim), { seed: mixSeed(ctx.seed, 1), name: 'projector' });
  const target = createTargetNetwork({ encoder: vit, head: projector });
  // MSN: prototypes drawn uniformly in ±1/√d (`torch.nn.init.uniform_(prototypes, -_sqrt_k, _sqrt_k)`).
  const protoSet = new ParamSet('prototypes', mixSeed(ctx.seed, 2));
  const prototypes = protoSet.lecunUniform('weights', [knobs.prototypes, knobs.projDim], knobs.projDim) as tf.Variable<tf.Rank.R2>;

  const usageImages = fixedImages(ctx, USAGE_IMAGES);
  const embed = (x: tf.Tensor4D) => projector.apply(vit.apply(x));
  /** Online assignment probabilities of the fixed images (unmasked), as the anchors' softmax. */
  const assignments = () =>
    tf.tidy(() => tf.softmax(tf.div(tf.matMul(l2Normalize(embed(usageImages)), l2Normalize(prototypes), false, true), lossOptions.temperature)) as tf.Tensor2D);

  return {
    heads: [projector.params, protoSet],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const b = images.shape[0];
        const [targetView, anchorView] = twoViews(images, config.aug, seed);
        const masks = samplePatchMasks('random', b, vit.grid.rows, vit.grid.cols, maskRatio, mixSeed(seed, 3));
        // The anchor's feature is read as the probe's (vit.pool): the [CLS] output, as the paper, or the
        // mean of the visible output tokens.
        const pooled: tf.Tensor2D[] = [vit.pool(vit.encodeVisible(anchorView, masks.visible))];
        if (views > 0) {
          const crops = focalViews(images, views, focalSize, config.aug, mixSeed(seed, 4));
          const focalMasks = samplePatchMasks('random', views * b, focalGrid.rows, focalGrid.cols, maskRatio, mixSeed(seed, 5));
          pooled.push(vit.pool(vit.encodeVisible(crops, focalMasks.visible)));
        }
        // One projector pass over all anchor views, view-major as msnLoss wants them.
        const anchors = projector.apply(tf.concat(pooled, 0));
        const targets = target.apply(targetView);
        return msnLoss(anchors, targets, prototypes, lossOptions);
      });
    },
    embed,
    momentumPairs: () => target.pairs,
    targetBuffers: () => target.buffers,
    // τ from tauBase to 1 (MSN: 0.996 → 1; the authors' code ramps it linearly, cosine as BYOL here).
    momentum: (step, total) => cosineMomentum(knobs.tauBase, step, total),
    learningRate: (step, total, base) => warmupCosine(step, total, base, WARMUP_FRACTION),
    extraMetrics() {
      return tf.tidy(() => {
        const probs = assignments();
        const mean = tf.mean(probs, 0);
        const k = probs.shape[1];
        return {
          // exp H(p̄): K when the prototypes are used evenly, 1 when every image picks the same one.
          protoPerplexity: tf.exp(tf.neg(tf.sum(tf.mul(mean, tf.log(tf.maximum(mean, 1e-30)))))) as tf.Scalar,
          // MSN's logged "np": prototypes that are some image's first choice.
          prototypesUsed: tf.sum(tf.cast(tf.greater(tf.sum(tf.oneHot(tf.argMax(probs, 1), k), 0), 0), 'float32')) as tf.Scalar,
        };
      });
    },
    async snapshot() {
      // One read: the fixed images' assignments (usage bars and gallery) and the shown views.
      const shown = Math.min(SHOWN_VIEWS, usageImages.shape[0]);
      const viewSeed = mixSeed(ctx.seed, 0x5a);
      const masks = samplePatchMasks('random', shown, vit.grid.rows, vit.grid.cols, maskRatio, mixSeed(viewSeed, 3));
      const probs = assignments();
      const [n, k] = probs.shape;
      const packed = tf.tidy(() => {
        const [targetView, anchorView] = twoViews(tf.slice(usageImages, 0, shown), config.aug, viewSeed);
        return tf.concat([tf.reshape(targetView, [-1]), tf.reshape(anchorView, [-1]), tf.reshape(probs, [-1])]);
      });
      probs.dispose();
      const all = await packed.data();
      packed.dispose();
      const viewValues = 2 * shown * ctx.height * ctx.width * ctx.channels;
      const p = all.subarray(viewValues);
      const values = new Array<number>(k).fill(0);
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
        values[best] += 1;
      }
      const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
      return {
        images: [
          maskedViewsPicture(all, shown, ctx.height, ctx.width, ctx.channels, masks, vit.grid.patch),
          prototypeGallery(p, k, ctx.unlabelled.subarray(0, n), ctx.dataset, 'Images of the 8 most used prototypes (by assignment probability)'),
        ],
        bars: [{ title: `Prototype usage: first choices of ${usageImages.shape[0]} fixed images, most used first`, labels: order.map(([, i]) => `#${i}`), values: order.map(([v]) => v) }],
      };
    },
    dispose() {
      projector.params.dispose();
      target.dispose();
      protoSet.dispose();
      usageImages.dispose();
    },
  };
});
