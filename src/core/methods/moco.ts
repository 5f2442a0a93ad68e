import * as tf from '@tensorflow/tfjs-core';
import { mocoRecipe, mocoSpec } from '../config/methods/moco';
import { infoNCE, l2Normalize } from '../losses';
import { mocoHeadBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { defineMethod } from './define';
import { viewSimilarityPicture } from './shared/pictures';
import { KeyQueue } from './moco/queue';
import { mocoV1LearningRate, mocoV2LearningRate } from './moco/schedule';
import { createTargetNetwork, twoViews } from './shared';

/**
 * MoCo (He et al. 2020) and MoCo v2 (Chen et al. 2020): a query (online encoder and head on one view)
 * must find its key (momentum encoder and head on another view) among the K keys of a FIFO queue,
 * with InfoNCE (eq. 1). The key encoder is an EMA of the query encoder (eq. 2), done by the trainer.
 * Why the head has BatchNorm: nets/heads.ts (mocoHeadBlocks).
 * Shuffling BN (§3.3), which keeps a query and its key out of one BN group across GPUs, does not
 * apply on one device: queries and keys are each one group.
 */
export const moco = defineMethod(mocoSpec, (ctx, knobs) => {
  const { encoder, config } = ctx;
  // mocoVersion is a preset of head, augmentation and schedule; each can be set alone (Table 1's rows).
  const recipe = mocoRecipe(knobs);
  const head = createMlp(mocoHeadBlocks(recipe.head, encoder.outDim, knobs.projHidden, knobs.projDim), { seed: mixSeed(ctx.seed, 1), name: 'head' });
  const keyNet = createTargetNetwork({ encoder, head });
  const queue = new KeyQueue(knobs.queueSize, knobs.projDim, mixSeed(ctx.seed, 3));
  // v2's stronger augmentation is v1's plus Gaussian blur (v2 Table 1, "aug+"): blur is forced on with
  // the configured σ; every other augmentation knob applies as set.
  const aug = recipe.blur ? { ...config.aug, blur: true } : config.aug;
  // This step's keys, kept out of the loss's tidy until afterStep enqueues them.
  let pendingKeys: tf.Tensor2D | null = null;
  const embed = (x: tf.Tensor4D) => head.apply(encoder.apply(x));
  const picture = viewSimilarityPicture(ctx, embed, (x) => keyNet.apply(x), 'Similarity of queries (view 1) and momentum keys (view 2)');

  return {
    heads: [head.params],
    loss({ images, seed }) {
      return tf.tidy(() => {
        const [queryView, keyView] = twoViews(images, aug, seed);
        const q = embed(queryView);
        const k = l2Normalize(keyNet.apply(keyView));
        pendingKeys?.dispose();
        pendingKeys = tf.keep(k);
        return infoNCE(q, k, queue.tensor, knobs.temperature);
      });
    },
    embed,
    momentumPairs: () => keyNet.pairs,
    targetBuffers: () => keyNet.buffers,
    momentum: () => knobs.keyMomentum,
    learningRate: recipe.schedule === 'cosine' ? mocoV2LearningRate : mocoV1LearningRate,
    afterStep() {
      // Enqueue the batch's keys, dropping the oldest (§3.2, Algorithm 1).
      if (!pendingKeys) return;
      queue.enqueue(pendingKeys);
      pendingKeys.dispose();
      pendingKeys = null;
    },
    extraMetrics: () => ({ queueFill: tf.scalar(queue.fill) }),
    snapshot: picture.snapshot,
    saveState() {
      const { keys, realKeys } = queue.save();
      return { tensors: { queue: keys }, numbers: { realKeys } };
    },
    loadState({ tensors, numbers }) {
      queue.load(tensors.queue, numbers.realKeys);
    },
    dispose() {
      picture.dispose();
      pendingKeys?.dispose();
      head.params.dispose();
      keyNet.dispose();
      queue.dispose();
    },
  };
});
