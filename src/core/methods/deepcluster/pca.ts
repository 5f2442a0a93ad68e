import * as tf from '@tensorflow/tfjs-core';
import { l2Normalize } from '../../losses';

/**
 * DeepCluster's feature preprocessing before k-means (Caron et al. 2018, implementation details;
 * the authors' `preprocess_features`: faiss PCAMatrix with eigen_power −0.5, then row l2-norm):
 * PCA-reduce to `dim` dimensions, whiten (each component divided by its standard deviation), and
 * l2-normalise every row. tfjs has no eigen-solver, so the d×d covariance is read back once and
 * decomposed on the host (Jacobi, float64): d ≤ 512 here, a few ms to ~1 s, once per clustering.
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

const JACOBI_MAX_SWEEPS = 50;

/**
 * Eigenvalues (largest first) and eigenvectors (column j of the row-major d×d `vectors` belongs to
 * values[j]) of a symmetric matrix, by cyclic Jacobi rotations (Golub & Van Loan, §8.5). Simple and
 * accurate; O(d³) per sweep, ~6–10 sweeps.
 */
export function symmetricEigen(matrix: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  if (matrix.length !== d * d) throw new Error(`symmetricEigen: ${matrix.length} entries for d = ${d}`);
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let scale = 0;
  for (let i = 0; i < d; i++) scale = Math.max(scale, Math.abs(a[i * d + i]));
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off = Math.max(off, Math.abs(a[p * d + q]));
    if (off <= 1e-15 * scale || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← Jᵀ A J on rows and columns p, q (full matrix kept symmetric); V ← V J.
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j] - a[i * d + i]);
  const values = Float64Array.from(order, (i) => a[i * d + i]);
  const vectors = new Float64Array(d * d);
  for (let k = 0; k < d; k++) order.forEach((src, j) => { vectors[k * d + j] = v[k * d + src]; });
  return { values, vectors };
}
