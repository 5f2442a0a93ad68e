import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../losses';
import { symmetricEigen } from './eigen';

/**
 * DeepCluster's feature preprocessing before k-means (Caron et al. 2018, implementation details;
 * the authors' `preprocess_features`: faiss PCAMatrix with eigen_power −0.5, then row l2-norm):
 * PCA-reduce to `dim` dimensions, whiten (each component divided by its standard deviation), and
 * l2-normalise every row. tfjs has no eigen-solver, so the d×d covariance is read back once and
 * decomposed on the host (linalg/eigen.ts: Jacobi, float64): d ≤ 512 here, a few ms to ~1 s, once per clustering.
 */
export interface PcaWhitening {
  /** (x − mean) · P with P = V_dim · diag(1/√(λ + ε)): the top `dim` components at unit variance. */
  whiten(x: tf.Tensor2D): tf.Tensor2D;
  /** whiten, then every row l2-normalised: what k-means sees. */
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /** Eigenvalues of the covariance, largest first (all d of them). */
  eigenvalues: Float64Array;
  dispose(): void;
}

/**
 * Whitening divides by √λ; a direction with (almost) no variance, e.g. a dead ReLU channel, would be
 * blown up to unit variance from rounding noise. ε = 1e-4·λ_max damps those instead (faiss uses no ε;
 * its 4096-d AlexNet features have no dead directions among the top 256).
 */
const RELATIVE_EPSILON = 1e-4;

export async function fitPcaWhitening(x: tf.Tensor2D, dim: number): Promise<PcaWhitening> {
  const [n, d] = x.shape;
  if (!Number.isInteger(dim) || dim < 1 || dim > d) throw new Error(`PCA: dim = ${dim} must be in [1, ${d}]`);
  const mean = tf.tidy(() => tf.mean(x, 0, true));
  const cov = tf.tidy(() => {
    const xc = tf.sub(x, mean);
    return tf.div(tf.matMul(xc, xc, true, false), n);
  });
  const c = Float64Array.from(await cov.data());
  cov.dispose();
  const { values, vectors } = symmetricEigen(c, d);
  const eps = RELATIVE_EPSILON * Math.max(values[0], 0) + 1e-12;
  const p = new Float32Array(d * dim);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < dim; j++) p[i * dim + j] = vectors[i * d + j] / Math.sqrt(Math.max(values[j], 0) + eps);
  }
  const projection = tf.tensor2d(p, [d, dim]);
  return {
    eigenvalues: values,
    whiten: (z) => tf.tidy(() => tf.matMul(tf.sub(z, mean), projection)),
    apply: (z) => tf.tidy(() => l2Normalize(tf.matMul(tf.sub(z, mean), projection))),
    dispose: () => tf.dispose([mean, projection]),
  };
}
