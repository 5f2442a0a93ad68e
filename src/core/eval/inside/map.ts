import { symmetricEigen } from '../../linalg/eigen';
import { mulberry32, mixSeed, permutation } from '../../random';

/**
 * Host-side maths of the embedding map and the nearest-neighbour grid, on features already read back
 * (row-major n×d Float32Array). No tfjs: it runs in the worker on the arrays the collapse reading has.
 */

/**
 * The rows projected on their top two principal components (n×2). Each component's sign is fixed so
 * its largest-magnitude loading is positive: the map does not flip between readings for no reason.
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
  const { vectors } = symmetricEigen(cov, d);
  const out = new Float32Array(n * 2);
  for (let c = 0; c < Math.min(2, d); c++) {
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(vectors[j * d + c]) > Math.abs(big)) big = vectors[j * d + c];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * vectors[j * d + c];
      out[i * 2 + c] = sign * s;
    }
  }
  return out;
}

/**
 * For every row, the k other rows of highest cosine similarity, most similar first (n×k indices).
 * Ties go to the lower index; an all-zero row has similarity 0 to everything.
 */
export function nearestNeighbours(x: Float32Array, n: number, d: number, k: number): Int32Array {
  const kk = Math.min(k, n - 1);
  const unit = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += x[i * d + j] ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < d; j++) unit[i * d + j] = x[i * d + j] * inv;
  }
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

/** The neighbour grid's default queries: `count` distinct images of the n, fixed by the seed. */
export function seededQueries(n: number, seed: number, count = 8): number[] {
  return Array.from(permutation(n, mulberry32(mixSeed(seed, 0x9e1b))).subarray(0, Math.min(count, n)));
}
