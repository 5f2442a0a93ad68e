import * as tf from '@tensorflow/tfjs-core';
import { deepclusterSpec } from '../config/methods/deepcluster';
import { augmentBatch } from '../augment';
import { gatherLabels } from '../data/dataset';
import { nmi } from '../eval/nmi';
import { linearBlocks } from '../nets/heads';
import { createMlp } from '../nets/mlp';
import { mixSeed } from '../random';
import { clusterFeatures, clusterWeights, sizeEntropy } from './deepcluster/clustering';
import type { MethodInstance } from './types';
import { defineMethod, type MetricName } from './define';
import { prototypeGallery } from './shared/pictures';
import { smallCropsOf } from './shared';
import { smallCropSettings } from '../config/methods/multiCrop';

/** Unlabelled images the cluster gallery picks from. */
const GALLERY_POOL = 512;

/**
 * DeepCluster (Caron et al. 2018): alternate between clustering the features of every image with
 * k-means and training the encoder plus a linear classifier to predict each image's cluster (its
 * pseudo-label) from an augmented view. Knobs and paper values: src/core/config/methods/deepcluster.ts.
 *
 * Against the trivial solutions of §3.3: empty clusters are re-seeded by splitting a big one
 * (eval/kmeans.ts), and the loss weighs each image by 1/(its cluster's size), which in expectation
 * equals the paper's sampling uniformly over clusters (clustering.ts, clusterWeights).
 */
export interface DeepClusterInstance extends MethodInstance<MetricName<typeof deepclusterSpec>> {
  /** Pseudo-label of every dataset index (−1: not in the unlabelled subset / not clustered yet). */
  readonly pseudoLabels: Int32Array;
  readonly clusterings: number;
}

/** The authors re-create the top layer after each clustering with weights N(0, 0.01²) and zero bias. */
const HEAD_INIT_STD = 0.01;
/** NMI vs labels and vs the previous clustering (paper Fig. 2a/2b), empty clusters, size entropy. */
const METRIC_NAMES = ['nmi', 'nmiVsPrevious', 'emptyClusters', 'clusterEntropy'] as const;

export const deepcluster = defineMethod(deepclusterSpec, (ctx, knobs): DeepClusterInstance => {
  const { encoder, config, dataset, unlabelled } = ctx;
  const { k, pcaDim, kmeansIters: iterations, clusterEvery } = knobs;
  const crops = smallCropSettings(knobs);
  // 0 = once per epoch over the unlabelled subset, as the paper re-clusters every epoch.
  const period = clusterEvery > 0 ? clusterEvery : Math.ceil(unlabelled.length / config.batch);
  const head = createMlp(linearBlocks(encoder.outDim, k), { seed: mixSeed(ctx.seed, 1), name: 'clusterHead' });
  const trueLabels = gatherLabels(dataset, unlabelled);
  const pseudoLabels = new Int32Array(dataset.count).fill(-1);
  let weights: Float32Array = new Float32Array(k);
  let sizes: Int32Array = new Int32Array(k);
  let previous: Int32Array | null = null;
  // Measured at each clustering; nothing to show before the first (nor a previous one to compare).
  const stats: Partial<Record<(typeof METRIC_NAMES)[number], number>> = {};
  let clusterings = 0;

  const reinitHead = (round: number) => {
    tf.tidy(() => {
      const w = head.params.vars.get('fc0.w')!;
      w.assign(tf.randomNormal(w.shape, 0, HEAD_INIT_STD, 'float32', mixSeed(ctx.seed, 2, round)));
      head.params.vars.get('fc0.b')!.assign(tf.zeros([k]));
    });
  };

  return {
    heads: [head.params],
    get pseudoLabels() {
      return pseudoLabels;
    },
    get clusterings() {
      return clusterings;
    },
    async beforeStep(step) {
      if ((step - 1) % period !== 0) return 0;
      const c = await clusterFeatures(dataset, unlabelled, (x) => encoder.apply(x), { k, pcaDim, iterations, seed: mixSeed(ctx.seed, 3, clusterings) });
      c.assignments.forEach((a, i) => { pseudoLabels[unlabelled[i]] = a; });
      sizes = c.sizes;
      weights = clusterWeights(sizes);
      stats.nmi = nmi(c.assignments, trueLabels);
      // NMI between consecutive clusterings: how stable the pseudo-labels are (paper Fig. 2b).
      if (previous) stats.nmiVsPrevious = nmi(c.assignments, previous);
      stats.emptyClusters = c.reseeded;
      stats.clusterEntropy = sizeEntropy(sizes);
      previous = c.assignments;
      clusterings += 1;
      // The old classifier's rows belong to clusters that no longer exist.
      reinitHead(clusterings);
      return c.reads;
    },
    loss({ images, indices, seed }) {
      if (!indices) throw new Error('deepcluster: the trainer must pass the batch indices (StepInput.indices)');
      if (clusterings === 0) throw new Error('deepcluster: loss before the first clustering (beforeStep clusters at step 1)');
      const labels = Int32Array.from(indices, (i) => pseudoLabels[i]);
      if (labels.some((l) => l < 0)) throw new Error('deepcluster: a batch image is not in the clustered subset');
      const w = Float32Array.from(labels, (l) => weights[l]);
      return tf.tidy(() => {
        // Training views are augmented (random crops and flips in the paper); clustering views are not.
        const x = augmentBatch(images, config.aug, mixSeed(seed, 1));
        const target = tf.oneHot(tf.tensor1d(labels, 'int32'), k);
        const weighted = (view: tf.Tensor4D) => {
          const logProbs = tf.logSoftmax(head.apply(encoder.apply(view)));
          return tf.mean(tf.mul(tf.neg(tf.sum(tf.mul(target, logProbs), 1)), tf.tensor1d(w))) as tf.Scalar;
        };
        // Multi-crop (DeepCluster-v2 in the SwAV paper's ablation): every small crop predicts its
        // image's cluster too; the loss is the mean over the views.
        const small = smallCropsOf(images, config.aug, crops, seed);
        if (small.length === 0) return weighted(x);
        return tf.div(tf.addN([x, ...small].map(weighted)), 1 + small.length) as tf.Scalar;
      });
    },
    // The latest clustering: every unlabelled image's cluster (which is also the "previous" clustering
    // the next one is compared with), the sizes, how many clusterings so far and their readings.
    // The classifier's re-initialised rows are weights, saved by the trainer.
    saveState: () => ({
      tensors: {},
      numbers: { clusterings, ...Object.fromEntries(Object.entries(stats).map(([n, v]) => [`stat.${n}`, v])) },
      arrays: { assignments: Int32Array.from(unlabelled, (i) => pseudoLabels[i]), sizes: Int32Array.from(sizes) },
    }),
    loadState({ numbers, arrays }) {
      const assignments = arrays?.assignments;
      const saved = arrays?.sizes;
      if (!assignments || assignments.length !== unlabelled.length || !saved || saved.length !== k || assignments.some((a) => a < -1 || a >= k)) {
        throw new Error(`deepcluster: the saved clustering does not fit this run (${unlabelled.length} images, ${k} clusters)`);
      }
      clusterings = numbers.clusterings ?? 0;
      assignments.forEach((a, i) => { pseudoLabels[unlabelled[i]] = a; });
      sizes = Int32Array.from(saved);
      weights = clusterWeights(sizes);
      previous = clusterings > 0 ? Int32Array.from(assignments) : null;
      for (const name of METRIC_NAMES) if (numbers[`stat.${name}`] !== undefined) stats[name] = numbers[`stat.${name}`];
    },
    // The features k-means clusters (before PCA): the encoder's.
    embed: (x) => encoder.apply(x),
    extraMetricNames: METRIC_NAMES,
    extraMetrics() {
      return Object.fromEntries(Object.entries(stats).map(([name, v]) => [name, tf.scalar(v)]));
    },
    async snapshot() {
      const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => sizes[b] - sizes[a]);
      // The gallery needs no read-back: the pseudo-labels are on the host. Members of a cluster are
      // all equally its own (k-means gives no score), so each row shows its first members.
      const shown = unlabelled.subarray(0, Math.min(GALLERY_POOL, unlabelled.length));
      const oneHot = new Float32Array(shown.length * k);
      shown.forEach((index, i) => pseudoLabels[index] >= 0 && (oneHot[i * k + pseudoLabels[index]] = 1));
      const images = clusterings > 0 ? [prototypeGallery(oneHot, k, shown, ctx.dataset, `Images of the 8 largest clusters (clustering ${clusterings})`)] : [];
      return { images, bars: [{ title: `Cluster sizes at clustering ${clusterings} (largest first)`, labels: order.map((c) => `#${c}`), values: order.map((c) => sizes[c]) }] };
    },
    dispose() {
      head.params.dispose();
    },
  };
});
