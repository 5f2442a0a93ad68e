import * as tf from '@tensorflow/tfjs-core';
import { augmentBatch } from '../augment';
import { infoNCE, l2Normalize, stopGradient } from '../losses';
import { createMlp, type Block } from '../nets/mlp';
import { mixSeed } from '../random';
import { createTargetNetwork } from './byol/target';
import { KeyQueue } from './moco/queue';
import { mocoV1LearningRate, mocoV2LearningRate } from './moco/schedule';
import type { MethodDefinition } from './types';

/**
 * MoCo (He et al. 2020) and MoCo v2 (Chen et al. 2020): a query (online encoder and head on one view)
 * must find its key (momentum encoder and head on another view) among the K keys of a FIFO queue,
 * with InfoNCE (eq. 1). The key encoder is an EMA of the query encoder (eq. 2), done by the trainer.
 */

/**
 * v1: one linear layer gives the key (the encoder's fc, §3.3); v2: a 2-layer MLP with ReLU (v2
 * Table 1, SimCLR's projection head). Both carry a BatchNorm the papers do not have in the head:
 * their ResNet has BN in the encoder and ours has none, so its pooled ReLU features start nearly
 * parallel (mean cosine 0.98 between MNIST digits at init, width 16). Without BN every InfoNCE logit
 * then starts equal, the queued keys look alike and the loss stays near log(K + 1): on MNIST (150
 * steps, batch 64, K = 1024) std 0.03 (1/√d = 0.125), RankMe 6, probe no better than at init; with
 * BN, RankMe 30. MoCo v3 (Chen, Xie & He 2021) likewise puts BN in its MLP heads.
 *
 * Shuffling BN (§3.3) is not done. The paper shuffles which images share a BN group across GPUs, so
 * that a query and its key are not normalised with the same few samples' statistics, a signature the
 * network could match instead of the image. On one device the batch is a single group for queries
 * and for keys; we saw no sign of that shortcut (on MNIST the loss falls slowly while the probe
 * improves, rather than the loss dropping fast with a flat probe, as the paper describes).
 */
export function mocoHeadBlocks(version: 'v1' | 'v2', inDim: number, hidden: number, out: number): Block[] {
  return version === 'v1'
    ? [{ in: inDim, out, batchNorm: true, relu: false }]
    : [
        { in: inDim, out: hidden, batchNorm: true, relu: true },
        { in: hidden, out, batchNorm: false, relu: false },
      ];
}

export const moco: MethodDefinition = {
  key: 'moco',
  create(ctx) {
    const { encoder, config } = ctx;
    const p = config.params;
    const version = p.mocoVersion as 'v1' | 'v2';
    const temperature = p.temperature as number;
    const keyMomentum = p.keyMomentum as number;
    const dim = p.projDim as number;
    const headTable = mocoHeadBlocks(version, encoder.outDim, p.projHidden as number, dim);
    const head = createMlp(headTable, { seed: mixSeed(ctx.seed, 1), name: 'head' });
    const keyNet = createTargetNetwork(ctx, head, headTable);
    const queue = new KeyQueue(p.queueSize as number, dim, mixSeed(ctx.seed, 3));
    // v2's stronger augmentation is v1's plus Gaussian blur (v2 Table 1, "aug+"): blur is forced on with
    // the configured σ; every other augmentation knob applies to both versions as set.
    const aug = version === 'v2' ? { ...config.aug, blur: true } : config.aug;
    // This step's keys, kept out of the loss's tidy until afterStep enqueues them.
    let pendingKeys: tf.Tensor2D | null = null;
    const embed = (x: tf.Tensor4D) => head.apply(encoder.apply(x));

    return {
      heads: [head.params],
      loss({ images, seed }) {
        return tf.tidy(() => {
          const q = embed(augmentBatch(images, aug, mixSeed(seed, 1)));
          const k = l2Normalize(stopGradient(keyNet.apply(augmentBatch(images, aug, mixSeed(seed, 2)))));
          pendingKeys?.dispose();
          pendingKeys = tf.keep(k);
          return infoNCE(q, k, queue.tensor, temperature);
        });
      },
      embed,
      momentumPairs: () => keyNet.pairs,
      momentum: () => keyMomentum,
      learningRate: version === 'v2' ? mocoV2LearningRate : mocoV1LearningRate,
      afterStep() {
        // Enqueue the batch's keys, dropping the oldest (§3.2, Algorithm 1).
        if (!pendingKeys) return;
        queue.enqueue(pendingKeys);
        pendingKeys.dispose();
        pendingKeys = null;
      },
      extraMetrics: () => ({ queueFill: tf.scalar(queue.fill) }),
      dispose() {
        pendingKeys?.dispose();
        head.params.dispose();
        keyNet.dispose();
        queue.dispose();
      },
    };
  },
};
