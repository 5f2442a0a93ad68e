import * as tf from '@tensorflow/tfjs-core';
import { symmetricEigenvalues } from '../linalg/eigen';
import { l2Normalize } from '../losses/util';

/**
 * Collapse metrics (DESIGN.md): how much of the embedding space a representation uses.
 *
 * l2NormalizedStd, alignment and uniformity are pure tensor functions, safe inside tf.tidy.
 * rankMe and singularValues need a spectrum, and tfjs has no SVD or eigen kernel. They are async:
 * they read z back once (`await z.data()`, never dataSync) and run a Jacobi eigenvalue solver in
 * float64 on the host. Why not a read-free solver written in tensor ops: a parallel (round-robin)
 * Jacobi needs n − 1 dependent steps of ~30 ops per sweep and ~8 sweeps. Measured on the CPU backend
 * it took 0.6 s for n = 64, 4 s for n = 128 and 28 s for n = 256, 50–100× the host solver; on WebGL it would be ~15k kernel launches per reading for n = 64. And the value is
 * read back for its chart anyway, so the one extra read costs nothing the chart would not.
 * Float64 on the host also matters for the very thing being measured: singular values from a float32
 * Gram matrix are floored near √(1e-7)·σ_max, which lifts RankMe of a rank-1 embedding to 1.016 at
 * d = 64 and 1.028 at d = 128; in float64 it reads 1.0001 (the 1e-7 ε's own share).
 * Cost on the host (Node, one core): n = min(N, d) = 64 in ~10 ms, 256 in ~0.25 s, 512 in ~3 s; the
 * trainer's 256 collapse images keep n ≤ 256.
 * Both start the read of z before their first await, so the caller may dispose z as soon as it
 * holds the promise (tfjs defers disposing data with a read in flight).
 */

/** ε added to each normalised singular value, as in RankMe (Garrido et al. 2023). */
const RANKME_EPSILON = 1e-7;

/** Added to the masked diagonal of the pairwise matrix in uniformity (as SimCLR's LARGE_NUM). */
const LARGE_NUM = 1e9;

function assertMatrix(z: tf.Tensor, what: string, minRows = 1): void {
  if (z.rank !== 2) throw new Error(`${what}: expected a matrix, got shape [${z.shape.join(', ')}]`);
  if (z.shape[0] < minRows) throw new Error(`${what}: needs at least ${minRows} rows, got ${z.shape[0]}`);
}

/**
 * Mean over columns of the std (N − 1) over rows of z/‖z‖ (SimSiam, Chen & He 2021, sec. 4.1):
 * 0 when every row is the same direction (collapse), ≈ 1/√d for rows spread evenly on the sphere.
 */
export function l2NormalizedStd(z: tf.Tensor2D): tf.Scalar {
  assertMatrix(z, 'l2NormalizedStd', 2);
  const n = z.shape[0];
  return tf.tidy(() => {
    const { variance } = tf.moments(l2Normalize(z), 0);
    return tf.mean(tf.sqrt(tf.mul(variance, n / (n - 1)))) as tf.Scalar;
  });
}

/** Alignment (Wang & Isola 2020, α = 2): mean over rows of ‖ẑ1_i − ẑ2_i‖², ẑ = z/‖z‖. 0 is perfect. */
export function alignment(z1: tf.Tensor2D, z2: tf.Tensor2D): tf.Scalar {
  assertMatrix(z1, 'alignment z1');
  if (z1.shape[0] !== z2.shape[0] || z1.shape[1] !== z2.shape[1]) throw new Error(`alignment: shapes differ, [${z1.shape}] vs [${z2.shape}]`);
  return tf.tidy(() => tf.mean(tf.sum(tf.square(tf.sub(l2Normalize(z1), l2Normalize(z2))), 1)) as tf.Scalar);
}

/**
 * Uniformity (Wang & Isola 2020): log mean over pairs i ≠ j of exp(−t‖ẑ_i − ẑ_j‖²). Lower is more
 * uniform on the sphere; 0 is total collapse. ‖ẑ_i − ẑ_j‖² = 2 − 2 ẑ_i·ẑ_j for unit rows.
 */
export function uniformity(z: tf.Tensor2D, t = 2): tf.Scalar {
  assertMatrix(z, 'uniformity', 2);
  const n = z.shape[0];
  return tf.tidy(() => {
    const zn = l2Normalize(z);
    const sq = tf.relu(tf.sub(2, tf.mul(2, tf.matMul(zn, zn, false, true))));
    const masked = tf.sub(tf.mul(sq, -t), tf.mul(tf.eye(n), LARGE_NUM));
    return tf.sub(tf.logSumExp(masked), Math.log(n * (n - 1))) as tf.Scalar;
  });
}

/**
 * RankMe (Garrido et al. 2023): exp of the entropy of p = σ/‖σ‖₁ + 1e-7, σ the singular values of z
 * as it is (not centred). A smooth effective rank: ≈ 1 for a collapsed (rank-1) embedding, ≈ min(N, d)
 * when every direction carries the same energy. An all-zero z (σ = 0) reads as 1, total collapse.
 */
export async function rankMe(z: tf.Tensor2D): Promise<tf.Scalar> {
  assertMatrix(z, 'rankMe');
  const [n, d] = z.shape;
  return tf.scalar(rankMeOfHost(Float64Array.from(await z.data()), n, d));
}

/** Singular values of the centred z (column means removed), largest first, min(N, d) of them. */
export async function singularValues(z: tf.Tensor2D): Promise<tf.Tensor1D> {
  assertMatrix(z, 'singularValues');
  const [n, d] = z.shape;
  return tf.tensor1d(centredSingularValuesOfHost(Float64Array.from(await z.data()), n, d));
}

/**
 * RankMe and the centred spectrum from one read of z (the trainer's collapse reading): the same
 * definitions as rankMe and singularValues, as plain numbers for the caller to send or chart, with
 * the rows read (row-major float32) for the embedding map.
 */
export async function spectrumReading(z: tf.Tensor2D): Promise<{ rankMe: number; singularValues: Float32Array; rows: Float32Array }> {
  assertMatrix(z, 'spectrumReading');
  const [n, d] = z.shape;
  const rows = Float32Array.from(await z.data());
  const x = Float64Array.from(rows);
  return { rankMe: rankMeOfHost(x, n, d), singularValues: centredSingularValuesOfHost(x, n, d), rows };
}

function rankMeOfHost(x: Float64Array, n: number, d: number): number {
  const sigma = singularValuesOf(x, n, d);
  const total = sigma.reduce((a, s) => a + s, 0);
  let entropy = 0;
  for (const s of sigma) {
    const p = (total > 0 ? s / total : 0) + RANKME_EPSILON;
    entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

/** Centres a copy of the row-major n×d matrix, then takes its singular values. */
function centredSingularValuesOfHost(source: Float64Array, n: number, d: number): Float32Array {
  const x = Float64Array.from(source);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + j];
    mean /= n;
    for (let i = 0; i < n; i++) x[i * d + j] -= mean;
  }
  return Float32Array.from(singularValuesOf(x, n, d));
}

/**
 * σ of a row-major n×d matrix: √ of the eigenvalues of the smaller Gram matrix (xᵀx or x xᵀ), largest
 * first. Only its upper triangle is filled: that is all the eigen-solver reads.
 */
function singularValuesOf(x: Float64Array, n: number, d: number): Float64Array {
  const m = Math.min(n, d);
  const g = new Float64Array(m * m);
  if (d <= n) {
    for (let r = 0; r < n; r++) {
      const row = r * d;
      for (let i = 0; i < d; i++) {
        const xi = x[row + i];
        if (xi === 0) continue;
        for (let j = i; j < d; j++) g[i * m + j] += xi * x[row + j];
      }
    }
  } else {
    for (let a = 0; a < n; a++) {
      for (let b = a; b < n; b++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += x[a * d + c] * x[b * d + c];
        g[a * m + b] = s;
      }
    }
  }
  // Rounding can leave eigenvalues of a PSD matrix at −1e-17 or so; they are zeros.
  return symmetricEigenvalues(g, m).map((l) => Math.sqrt(Math.max(l, 0)));
}
