import * as tf from '@tensorflow/tfjs-core';
import { gatherFloat, gatherLabels, type DataSplits, type ImageDataset } from '../data/dataset';
import { symmetricEigen } from '../linalg/eigen';
import { mulberry32 } from '../random';
import { linearProbeAccuracy } from './probe';

/**
 * The lines an SSL method has to clear (DESIGN.md "Evaluation protocol"): the same linear probe on
 * raw pixels, and on PCA features with as many components as the method's embedding, PCA fitted on
 * the unlabelled subset (labels never seen). "An SSL method that does not beat PCA has not yet shown
 * anything." Measured on MNIST (issue 11): raw pixels 86.0%, PCA-64 84.6%.
 */
export interface ReferenceProbes {
  pixelProbeAccuracy: number;
  pcaProbeAccuracy: number;
}

/** Principal directions of a data matrix's rows: `components` is d×k, columns unit and orthogonal, largest variance first. */
export interface PrincipalComponents {
  mean: tf.Tensor2D;
  components: tf.Tensor2D;
  /** Variance along each component, largest first. */
  variances: Float64Array;
  dispose(): void;
}

/**
 * Top-k principal components by subspace iteration on the covariance (Golub & Van Loan §8.2.4; the
 * randomized-SVD habit of k + 10 oversampled columns), finished by Rayleigh–Ritz: the small
 * projected matrix is decomposed on the host. A full d×d eigensolve (784 or 3,072 pixels) would take
 * the host minutes; this is a handful of d×d×(k+10) products. Seeded, so a run repeats.
 */
export async function principalComponents(x: tf.Tensor2D, k: number, opts: { iterations?: number; seed?: number } = {}): Promise<PrincipalComponents> {
  const [n, d] = x.shape;
  if (!Number.isInteger(k) || k < 1 || k > d) throw new Error(`PCA: k = ${k} must be in [1, ${d}]`);
  const width = Math.min(d, k + 10);
  const mean = tf.tidy(() => tf.mean(x, 0, true) as tf.Tensor2D);
  // C·Q without forming the d×d covariance when there are fewer rows than pixels (a small unlabelled
  // subset): Xcᵀ(Xc·Q)/(n − 1) costs 2·n·d·(k + 10) instead of d²·(k + 10) per iteration.
  const xc = tf.tidy(() => tf.sub(x, mean) as tf.Tensor2D);
  const cov = n < d ? null : tf.tidy(() => tf.div(tf.matMul(xc, xc, true, false), Math.max(1, n - 1)) as tf.Tensor2D);
  const covTimes = (m: tf.Tensor2D) => (cov ? tf.matMul(cov, m) : tf.div(tf.matMul(xc, tf.matMul(xc, m), true, false), Math.max(1, n - 1)));
  const rng = mulberry32(opts.seed ?? 1);
  let q = tf.tidy(() => tf.linalg.qr(tf.tensor2d(Float32Array.from({ length: d * width }, () => rng() - 0.5), [d, width]))[0] as tf.Tensor2D);
  for (let i = 0; i < (opts.iterations ?? 20); i++) {
    const next = tf.tidy(() => tf.linalg.qr(covTimes(q) as tf.Tensor2D)[0] as tf.Tensor2D);
    q.dispose();
    q = next;
  }
  const small = tf.tidy(() => tf.matMul(q, covTimes(q), true, false));
  const t = Float64Array.from(await small.data());
  small.dispose();
  tf.dispose([xc, ...(cov ? [cov] : [])]);
  const { values, vectors } = symmetricEigen(t, width);
  const v = new Float32Array(width * k);
  for (let i = 0; i < width; i++) for (let j = 0; j < k; j++) v[i * k + j] = vectors[i * width + j];
  const components = tf.tidy(() => tf.matMul(q, tf.tensor2d(v, [width, k])) as tf.Tensor2D);
  q.dispose();
  return { mean, components, variances: values.slice(0, k), dispose: () => tf.dispose([mean, components]) };
}

function pixels(ds: ImageDataset, indices: Int32Array): tf.Tensor2D {
  return tf.tensor2d(gatherFloat(ds, indices), [indices.length, ds.height * ds.width * ds.channels]);
}

/** Reference probes are the same for every run on one dataset, split and embedding size: computed once each while the page (or process) lives. */
const cache = new Map<string, Promise<ReferenceProbes>>();

/** The split is a function of the dataset, the seed and the three sizes (data/dataset.ts makeSplits). */
export function referenceKey(ds: ImageDataset, split: { seed: number; n: number; probeTrain: number; probeTest: number }, dim: number): string {
  return [ds.key, ds.count, split.seed, split.n, split.probeTrain, split.probeTest, dim].join('|');
}

/** Raw-pixel and PCA-`dim` probe accuracies on these splits (cached under `key`). */
export function referenceProbes(ds: ImageDataset, splits: DataSplits, dim: number, key: string): Promise<ReferenceProbes> {
  let hit = cache.get(key);
  if (!hit) {
    hit = computeReferenceProbes(ds, splits, dim);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

async function computeReferenceProbes(ds: ImageDataset, splits: DataSplits, dim: number): Promise<ReferenceProbes> {
  const classes = ds.classes;
  const trainX = pixels(ds, splits.probeTrain);
  const testX = pixels(ds, splits.probeTest);
  const trainY = tf.tensor1d(gatherLabels(ds, splits.probeTrain), 'int32');
  const testY = tf.tensor1d(gatherLabels(ds, splits.probeTest), 'int32');
  const unlabelled = pixels(ds, splits.unlabelled);
  try {
    const pixelAccuracy = linearProbeAccuracy(trainX, trainY, testX, testY, { classes });
    const pca = await principalComponents(unlabelled, Math.min(dim, unlabelled.shape[1]));
    const project = (x: tf.Tensor2D) => tf.matMul(tf.sub(x, pca.mean), pca.components) as tf.Tensor2D;
    const [pcaTrain, pcaTest] = [project(trainX), project(testX)];
    const pcaAccuracy = linearProbeAccuracy(pcaTrain, trainY, pcaTest, testY, { classes });
    tf.dispose([pcaTrain, pcaTest]);
    pca.dispose();
    const both = tf.stack([pixelAccuracy, pcaAccuracy]);
    tf.dispose([pixelAccuracy, pcaAccuracy]);
    const [pixelProbeAccuracy, pcaProbeAccuracy] = await both.data();
    both.dispose();
    return { pixelProbeAccuracy, pcaProbeAccuracy };
  } finally {
    tf.dispose([trainX, testX, trainY, testY, unlabelled]);
  }
}
