import * as tf from '@tensorflow/tfjs-core';
import { gatherFloat, gatherLabels, type DataSplits, type ImageDataset } from '../data/dataset';
import { symmetricEigen } from '../linalg/eigen';
import { orthonormalise } from '../linalg/orthonormalise';
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
 * the host minutes; this is a handful of d×d×(k+10) products on the device. The basis is
 * re-orthonormalised on the host (Gram–Schmidt, float64) after each product: tf.linalg.qr builds
 * every Householder step from small ops and took 224 s for one 64×784, k = 16 fit on the CPU backend.
 * Seeded, so a run repeats.
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
  let q: Float64Array[] = Array.from({ length: width }, () => Float64Array.from({ length: d }, () => rng() - 0.5));
  orthonormalise(q);
  try {
    for (let i = 0; i < (opts.iterations ?? 20); i++) {
      const product = tf.tidy(() => covTimes(basisTensor(q, d)) as tf.Tensor2D);
      const next = columnsOf(await product.data(), d, width);
      product.dispose();
      // Fewer than width directions with variance (a tiny subset): the last full basis spans them all.
      if (!orthonormalise(next)) break;
      q = next;
    }
    const basis = basisTensor(q, d);
    const small = tf.tidy(() => tf.matMul(basis, covTimes(basis), true, false));
    const t = Float64Array.from(await small.data());
    small.dispose();
    const { values, vectors } = symmetricEigen(t, width);
    const v = new Float32Array(width * k);
    for (let i = 0; i < width; i++) for (let j = 0; j < k; j++) v[i * k + j] = vectors[i * width + j];
    const components = tf.tidy(() => tf.matMul(basis, tf.tensor2d(v, [width, k])) as tf.Tensor2D);
    basis.dispose();
    return { mean, components, variances: values.slice(0, k), dispose: () => tf.dispose([mean, components]) };
  } finally {
    tf.dispose([xc, ...(cov ? [cov] : [])]);
  }
}

/** Column vectors as a d×width tensor. */
function basisTensor(cols: Float64Array[], d: number): tf.Tensor2D {
  const out = new Float32Array(d * cols.length);
  cols.forEach((c, j) => c.forEach((v, i) => (out[i * cols.length + j] = v)));
  return tf.tensor2d(out, [d, cols.length]);
}

/** A row-major d×width array as its columns, in float64. */
function columnsOf(values: ArrayLike<number>, d: number, width: number): Float64Array[] {
  return Array.from({ length: width }, (_, j) => Float64Array.from({ length: d }, (__, i) => values[i * width + j]));
}

function pixels(ds: ImageDataset, indices: Int32Array): tf.Tensor2D {
  return tf.tensor2d(gatherFloat(ds, indices), [indices.length, ds.height * ds.width * ds.channels]);
}

/** The reference lines a history row or final record holds (a resumed run keeps its step-0 row's). */
export function pickReferences(row: Record<string, number>): Partial<ReferenceProbes> {
  const out: Partial<ReferenceProbes> = {};
  for (const k of ['pixelProbeAccuracy', 'pcaProbeAccuracy'] as const) if (typeof row[k] === 'number') out[k] = row[k];
  return out;
}

/** Reference probes are the same for every run on one dataset, split and embedding size: computed once each while the page (or process) lives. */
const cache = new Map<string, Promise<ReferenceProbes>>();

/** The split is a function of the dataset, the seed and the three sizes (data/dataset.ts makeSplits). */
export function referenceKey(ds: ImageDataset, split: { seed: number; n: number; probeTrain: number; probeTest: number; labelFraction: string }, dim: number): string {
  return [ds.key, ds.count, split.seed, split.n, split.probeTrain, split.probeTest, split.labelFraction, dim].join('|');
}

/**
 * Raw-pixel and PCA-`dim` probe accuracies on these splits (cached under `key`). `splits.probeTrain`
 * is the labelled share the method's probe is fitted on (labelFraction), so the lines compare like with like.
 */
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
    const project = (x: tf.Tensor2D) => tf.tidy(() => tf.matMul(tf.sub(x, pca.mean), pca.components) as tf.Tensor2D);
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
