import * as tf from '@tensorflow/tfjs-core';
import { mulberry32, type Rng } from '../random';

/**
 * k-means (Lloyd) for DeepCluster (Caron et al. 2018). Assignments and centroid sums run on the
 * device; once per iteration the k×(d + 1) sums and counts come back (one small asynchronous read)
 * so that empty clusters can be re-seeded on the host the way the paper does (§3.3, "Empty
 * clusters"): pick a non-empty cluster, give the empty one its centroid with a small perturbation,
 * and let the next assignment split that cluster's points between the two. The pick follows the
 * authors' faiss k-means: probability ∝ (size − 1), so big clusters are split and singletons never.
 */
export interface KMeansOptions {
  k: number;
  /** Lloyd iterations (the authors' code: 20). Stops early once no centroid moves. */
  iterations: number;
  seed: number;
  /**
   * 'kmeans++' (Arthur & Vassilvitskii 2007, D² seeding on the host: one read of x), 'random'
   * (k distinct points, faiss's default; no read), or explicit k×d starting centroids.
   */
  init?: 'kmeans++' | 'random' | Float32Array;
}

export interface KMeansResult {
  /** k×d, on the device; the caller disposes it. */
  centroids: tf.Tensor2D;
  assignments: Int32Array;
  sizes: Int32Array;
  /** Empty clusters re-seeded over all iterations. */
  reseeded: number;
  /** Device→host read-backs made. */
  reads: number;
}

/** Relative size of the perturbation that splits a cluster in two (faiss: 1/1024). */
const SPLIT_EPS = 1 / 1024;
/** Rows per chunk when assigning, so the N×k distance matrix stays a few MB on big runs. */
const ASSIGN_CHUNK_ENTRIES = 1 << 22;
/** Above this n·k·d, k-means++ seeding on the host gets slow (seconds); fall back to random points. */
const KMEANS_PP_MAX_WORK = 2e8;

export async function kmeans(x: tf.Tensor2D, opts: KMeansOptions): Promise<KMeansResult> {
  const [n, d] = x.shape;
  const { k } = opts;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`kmeans: k = ${k} must be a whole number in [1, ${n}]`);
  const rng = mulberry32(opts.seed);
  let reads = 0;
  // The centroids live on the host (they are small: k×d) and are uploaded once per iteration.
  let host: Float32Array;
  const init = opts.init ?? 'kmeans++';
  if (init instanceof Float32Array) {
    if (init.length !== k * d) throw new Error(`kmeans: init has ${init.length} values, expected k·d = ${k * d}`);
    host = Float32Array.from(init);
  } else if (init === 'kmeans++' && n * k * d <= KMEANS_PP_MAX_WORK) {
    host = kmeansPlusPlus((await x.data()) as Float32Array, n, d, k, rng);
    reads += 1;
  } else {
    const picked = tf.tidy(() => tf.gather(x, tf.tensor1d(distinctIndices(n, k, rng), 'int32')));
    host = (await picked.data()) as Float32Array;
    reads += 1;
    picked.dispose();
  }
  let centroids = tf.tensor2d(host, [k, d]);

  let reseeded = 0;
  for (let it = 0; it < opts.iterations; it++) {
    const stats = sumsAndCounts(x, centroids, k);
    const v = (await stats.data()) as Float32Array;
    reads += 1;
    stats.dispose();
    const next = new Float32Array(k * d);
    const counts = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      counts[c] = v[c * (d + 1) + d];
      for (let j = 0; j < d; j++) next[c * d + j] = counts[c] > 0 ? v[c * (d + 1) + j] / counts[c] : host[c * d + j];
    }
    const empties = splitIntoEmpty(next, counts, n, k, d, rng);
    reseeded += empties;
    let moved = 0;
    for (let i = 0; i < next.length; i++) moved = Math.max(moved, Math.abs(next[i] - host[i]));
    host = next;
    centroids.dispose();
    centroids = tf.tensor2d(host, [k, d]);
    // Same centroids, same assignment: Lloyd has converged.
    if (moved === 0 && empties === 0) break;
  }
  const assignT = assign(x, centroids);
  const assignments = Int32Array.from(await assignT.data());
  reads += 1;
  assignT.dispose();
  const sizes = new Int32Array(k);
  for (const a of assignments) sizes[a] += 1;
  return { centroids, assignments, sizes, reseeded, reads };
}

/** Index of the nearest centroid for every row: argmin ‖c‖² − 2 x·c (‖x‖² is the same for all c). */
export function assign(x: tf.Tensor2D, centroids: tf.Tensor2D): tf.Tensor1D {
  const [n] = x.shape;
  const k = centroids.shape[0];
  const chunk = Math.max(1, Math.floor(ASSIGN_CHUNK_ENTRIES / k));
  return tf.tidy(() => {
    const cc = tf.sum(tf.square(centroids), 1);
    const parts: tf.Tensor1D[] = [];
    for (let start = 0; start < n; start += chunk) {
      const rows = tf.slice(x, [start, 0], [Math.min(chunk, n - start), -1]);
      parts.push(tf.argMin(tf.sub(cc, tf.mul(2, tf.matMul(rows, centroids, false, true))), 1) as tf.Tensor1D);
    }
    return parts.length === 1 ? parts[0] : tf.concat(parts);
  });
}

/** k×(d + 1): the sum of each cluster's rows, then its size, from one one-hot matrix product. */
function sumsAndCounts(x: tf.Tensor2D, centroids: tf.Tensor2D, k: number): tf.Tensor2D {
  return tf.tidy(() => {
    const oneHot = tf.cast(tf.oneHot(assign(x, centroids), k), 'float32');
    const withOnes = tf.concat([x, tf.ones([x.shape[0], 1])], 1);
    return tf.matMul(oneHot, withOnes, true, false);
  });
}

/**
 * Re-seeds every empty cluster by splitting a non-empty one (in place): both get its centroid,
 * pushed apart by ±SPLIT_EPS along a fixed ± pattern (faiss), with a floor of SPLIT_EPS·(mean |c|)
 * so a centroid at the origin still splits. Counts are halved between the two, as faiss does, so
 * one big cluster is not split for every empty one. Returns how many were re-seeded.
 */
function splitIntoEmpty(c: Float32Array, counts: Float64Array, n: number, k: number, d: number, rng: Rng): number {
  let scale = 0;
  for (const v of c) scale += Math.abs(v);
  scale = scale / c.length || 1;
  let reseeded = 0;
  for (let empty = 0; empty < k; empty++) {
    if (counts[empty] > 0) continue;
    // faiss: walk the clusters, accept cj with probability (size − 1)/(n − k), wrap until one is taken.
    let donor = -1;
    for (let guard = 0; donor < 0 && guard < 1000 * k; guard++) {
      const cj = guard % k;
      if (counts[cj] > 1 && rng() < (counts[cj] - 1) / Math.max(1, n - k)) donor = cj;
    }
    if (donor < 0) {
      // Only singletons left (or a pathological draw): take the largest cluster.
      donor = counts.indexOf(Math.max(...counts));
      if (counts[donor] <= 1) break;
    }
    for (let j = 0; j < d; j++) {
      const base = c[donor * d + j];
      const step = SPLIT_EPS * Math.max(Math.abs(base), scale) * (j % 2 === 0 ? 1 : -1);
      c[empty * d + j] = base + step;
      c[donor * d + j] = base - step;
    }
    counts[empty] = Math.floor(counts[donor] / 2);
    counts[donor] -= counts[empty];
    reseeded += 1;
  }
  return reseeded;
}

/** D² seeding (Arthur & Vassilvitskii 2007): each next centre is drawn ∝ squared distance to the nearest one chosen. */
function kmeansPlusPlus(x: Float32Array, n: number, d: number, k: number, rng: Rng): Float32Array {
  const out = new Float32Array(k * d);
  const dist = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rng() * n);
  for (let c = 0; c < k; c++) {
    out.set(x.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = x[i * d + j] - out[c * d + j];
        s += diff * diff;
      }
      if (s < dist[i]) dist[i] = s;
      total += dist[i];
    }
    if (c === k - 1) break;
    // All remaining points sit on chosen centres (duplicates): any point will do.
    let r = rng() * total;
    pick = total > 0 ? -1 : Math.floor(rng() * n);
    for (let i = 0; pick < 0 && i < n; i++) {
      r -= dist[i];
      if (r <= 0 && dist[i] > 0) pick = i;
    }
    if (pick < 0) pick = dist.findIndex((v) => v > 0);
  }
  return out;
}

/** k distinct indices of [0, n), seeded (partial Fisher–Yates). */
function distinctIndices(n: number, k: number, rng: Rng): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p.slice(0, k);
}
