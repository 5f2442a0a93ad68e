import { orthonormalise } from '../../linalg/orthonormalise';
import { mulberry32, mixSeed, permutation } from '../../random';

/**
 * Host-side maths of the embedding map and the nearest-neighbour grid, on features already read back
 * (row-major n×d Float32Array). No tfjs: it runs in the worker on the arrays the collapse reading has.
 */

/**
 * The rows projected on their top two principal components (n×2). The components come from
 * orthogonal (block power) iteration on the d×d covariance: only two are needed, and a full Jacobi
 * solve took 1–2 s per reading at d = 256 where this takes milliseconds. Each component's sign is
 * fixed so its first large loading (at least half the largest in magnitude) is positive: the map
 * does not flip between readings, and near-ties cannot flip it either.
 */
export function pca2(x: Float32Array, n: number, d: number): Float32Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      if (row[a] === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += row[a] * row[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
  const components = topComponents(cov, d, Math.min(2, d));
  const out = new Float32Array(n * 2);
  components.forEach((v, c) => {
    let big = 0;
    for (let j = 0; j < d; j++) big = Math.max(big, Math.abs(v[j]));
    const lead = v.find((x) => Math.abs(x) >= big / 2) ?? 1;
    const sign = lead < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * v[j];
      out[i * 2 + c] = sign * s;
    }
  });
  return out;
}

/** Iterations cap and tolerance of the orthogonal iteration (a change of 1e-12 in the vectors' span). */
const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-12;

/**
 * The top k unit eigenvectors of a symmetric PSD d×d matrix by orthogonal iteration (Golub & Van Loan,
 * §8.2.4), from a fixed start so the result is deterministic. Converges at the rate λ_{k+1}/λ_k.
 */
function topComponents(a: Float64Array, d: number, k: number): Float64Array[] {
  let v = Array.from({ length: k }, (_, c) => Float64Array.from({ length: d }, (__, j) => Math.cos(1 + j * (c + 1.618)) + (j === c ? 1 : 0)));
  orthonormalise(v);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    const w = v.map((vc) => {
      const out = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += a[i * d + j] * vc[j];
        out[i] = s;
      }
      return out;
    });
    if (!orthonormalise(w)) return v;
    let change = 0;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += w[c][j] * v[c][j];
      change = Math.max(change, 1 - Math.abs(dot));
    }
    v = w;
    if (change < TOLERANCE) break;
  }
  return v;
}

/**
 * For every row, the k other rows of highest cosine similarity, most similar first (n×k indices).
 * Ties go to the lower index; an all-zero row has similarity 0 to everything.
 */
export function nearestNeighbours(x: Float32Array, n: number, d: number, k: number): Int32Array {
  const kk = Math.min(k, n - 1);
  const unit = l2NormalizeRows(x, n, d);
  const out = new Int32Array(n * kk);
  const sims = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < n; m++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += unit[i * d + j] * unit[m * d + j];
      sims[m] = m === i ? -Infinity : s;
    }
    order.sort((a, b) => sims[b] - sims[a] || a - b);
    for (let r = 0; r < kk; r++) out[i * kk + r] = order[r];
  }
  return out;
}

/** A copy of the row-major n×d rows scaled to unit length (an all-zero row stays zero). */
export function l2NormalizeRows(x: Float32Array, n: number, d: number): Float32Array {
  const unit = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += x[i * d + j] ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) unit[i * d + j] = x[i * d + j] * inv;
  }
  return unit;
}

/** The neighbour grid's default queries: `count` distinct images of the n, fixed by the seed. */
export function seededQueries(n: number, seed: number, count = 8): number[] {
  return Array.from(permutation(n, mulberry32(mixSeed(seed, 0x9e1b))).subarray(0, Math.min(count, n)));
}
