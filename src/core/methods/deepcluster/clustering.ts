import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset } from '../../data/dataset';
import { featuresOf } from '../../eval/features';
import { kmeans } from '../../eval/kmeans';
import { l2Normalize } from '../../losses';
import { fitPcaWhitening } from '../../linalg/pca';

/** One DeepCluster clustering of the unlabelled subset (host-side results only). */
export interface Clustering {
  /** Cluster of unlabelled[i], in [0, k). */
  assignments: Int32Array;
  sizes: Int32Array;
  /** Empty clusters k-means re-seeded (§3.3). */
  reseeded: number;
  reads: number;
}

/**
 * Embeds every unlabelled image without augmentation (the paper clusters central crops), PCA-whitens
 * and l2-normalises the features (pcaDim > 0) or only l2-normalises them (pcaDim = 0), and runs
 * k-means. Everything stays on the device except the reads k-means and the PCA need.
 */
export async function clusterFeatures(
  dataset: ImageDataset,
  indices: Int32Array,
  embed: (x: tf.Tensor4D) => tf.Tensor2D,
  opts: { k: number; pcaDim: number; iterations: number; seed: number },
): Promise<Clustering> {
  const features = featuresOf(dataset, indices, embed);
  let reads = 0;
  let z: tf.Tensor2D;
  try {
    if (opts.pcaDim > 0) {
      const pca = await fitPcaWhitening(features, Math.min(opts.pcaDim, features.shape[1]));
      reads += 1;
      z = pca.apply(features);
      pca.dispose();
    } else {
      z = l2Normalize(features);
    }
  } finally {
    features.dispose();
  }
  try {
    const km = await kmeans(z, { k: Math.min(opts.k, indices.length), iterations: opts.iterations, seed: opts.seed });
    km.centroids.dispose();
    const sizes = new Int32Array(opts.k);
    sizes.set(km.sizes);
    return { assignments: km.assignments, sizes, reseeded: km.reseeded, reads: reads + km.reads };
  } finally {
    z.dispose();
  }
}

/**
 * Per-cluster loss weights that make uniform sampling over images equivalent, in expectation, to the
 * paper's uniform sampling over clusters (§3.3, "Trivial parametrization"): w_c = N / (K·n_c) with K
 * the non-empty clusters. A batch of B images drawn uniformly then has
 * E[(1/B) Σ_i w_{c_i} ℓ_i] = Σ_i (1/N) · N/(K n_{c_i}) · ℓ_i = (1/K) Σ_c mean_{i∈c} ℓ_i,
 * the expected loss of drawing a cluster uniformly and then an image in it. The weights average 1
 * over the images, so the loss keeps the scale of a plain cross-entropy. Empty clusters weigh 0.
 */
export function clusterWeights(sizes: Int32Array): Float32Array {
  const total = sizes.reduce((s, v) => s + v, 0);
  const nonEmpty = sizes.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
  return Float32Array.from(sizes, (size) => (size > 0 ? total / (nonEmpty * size) : 0));
}

/** Entropy (nats) of the cluster-size distribution: log K when balanced, 0 when one cluster holds all. */
export function sizeEntropy(sizes: Int32Array): number {
  const total = sizes.reduce((s, v) => s + v, 0);
  let h = 0;
  for (const s of sizes) if (s > 0) h -= (s / total) * Math.log(s / total);
  return h;
}
