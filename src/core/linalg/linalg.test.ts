import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../random';
import { symmetricEigen, symmetricEigenvalues } from './eigen';
import { fitPcaWhitening } from './pca';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('symmetricEigenvalues (tridiagonal QL)', () => {
  /** A random symmetric n×n matrix B Bᵀ + shift·I (rank ≤ k before the shift). */
  const gram = (n: number, k: number, shift: number, seed: number): Float64Array => {
    const rng = mulberry32(seed);
    const b = Array.from({ length: n * k }, () => rng() * 2 - 1);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = i === j ? shift : 0;
        for (let t = 0; t < k; t++) sum += b[i * k + t] * b[j * k + t];
        a[i * n + j] = sum;
      }
    }
    return a;
  };

  it('converges on the Gram matrix of identical rows (rank 1, a 255-fold zero eigenvalue)', () => {
    const n = 256;
    const a = new Float64Array(n * n).fill(0.37);
    const values = symmetricEigenvalues(a, n);
    expect(values[0]).toBeCloseTo(0.37 * n, 9);
    expect(Math.max(...values.slice(1).map(Math.abs))).toBeLessThan(1e-12);
  });

  it('solves small matrices whose eigenvalues are known', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.from([2, 1, 1, 2]), 2))).toEqual([3, 1].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(symmetricEigenvalues(Float64Array.from([5]), 1))).toEqual([5]);
    expect(Array.from(symmetricEigenvalues(new Float64Array(9), 3))).toEqual([0, 0, 0]);
    // diag(1, 2, 3) rotated: still 3, 2, 1. Upper triangle only: the lower holds junk it must not read.
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const a = [c * c * 1 + s * s * 2, c * s * (2 - 1), 0, 999, s * s * 1 + c * c * 2, 0, 999, 999, 3];
    expect(Array.from(symmetricEigenvalues(Float64Array.from(a), 3))).toEqual([3, 2, 1].map((v) => expect.closeTo(v, 12)));
  });

  it.each([
    [7, 7, 0.5],
    [64, 8, 0],
    [256, 256, 0],
    [200, 3, 1e-3],
    [256, 1, 0],
  ])('agrees with Jacobi on a random Gram matrix: n %i, rank %i, shift %f; trace and order kept', (n, k, shift) => {
    const a = gram(n, k, shift, 11 + n);
    const ql = symmetricEigenvalues(a, n);
    const jacobi = symmetricEigen(a, n).values;
    const scale = Math.max(...jacobi.map(Math.abs));
    for (let i = 0; i < n; i++) expect(Math.abs(ql[i] - jacobi[i]) / scale, `λ${i}`).toBeLessThan(1e-10);
    for (let i = 1; i < n; i++) expect(ql[i]).toBeLessThanOrEqual(ql[i - 1]);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    expect(ql.reduce((x, y) => x + y, 0)).toBeCloseTo(trace, 8);
  });
});

describe('symmetricEigen', () => {
  it('solves [[2, 1], [1, 2]]: eigenvalues 3 and 1 on (1, 1)/√2 and (1, −1)/√2', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    // Column 0 is ±(1, 1)/√2, column 1 ±(1, −1)/√2.
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0] * vectors[2]).toBeCloseTo(0.5, 12);
    expect(vectors[1] * vectors[3]).toBeCloseTo(-0.5, 12);
  });

  it('gives A v = λ v with orthonormal v for a random symmetric 7×7 matrix', () => {
    const d = 7;
    const rng = mulberry32(3);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) a[i * d + j] = a[j * d + i] = rng() * 2 - 1;
    const { values, vectors } = symmetricEigen(a, d);
    for (let j = 0; j < d; j++) {
      if (j > 0) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
      for (let i = 0; i < d; i++) {
        let av = 0;
        for (let k = 0; k < d; k++) av += a[i * d + k] * vectors[k * d + j];
        expect(av).toBeCloseTo(values[j] * vectors[i * d + j], 10);
      }
      for (let m = 0; m < d; m++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += vectors[k * d + j] * vectors[k * d + m];
        expect(dot).toBeCloseTo(j === m ? 1 : 0, 10);
      }
    }
  });
});

describe('fitPcaWhitening', () => {
  it('whitens: the top components come out uncorrelated with unit variance, rows then unit-norm', async () => {
    // 400 points of a correlated 3-d Gaussian-ish cloud (sums of uniforms), stretched per axis.
    const rng = mulberry32(9);
    const n = 400;
    const host = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const u = [0, 1, 2].map(() => rng() + rng() + rng() - 1.5);
      host.set([5 * u[0] + 1, 2 * u[0] + u[1] - 3, 0.3 * u[2] + 0.1 * u[1]], i * 3);
    }
    const x = tf.tensor2d(host, [n, 3]);
    const pca = await fitPcaWhitening(x, 2);
    const w = pca.whiten(x);
    expect(w.shape).toEqual([n, 2]);
    const wv = Array.from(await w.data());
    // Covariance of the whitened data, computed here (population, as the fit): ≈ identity.
    const mean = [0, 1].map((j) => wv.filter((_, i) => i % 2 === j).reduce((s, v) => s + v, 0) / n);
    for (const [p, q] of [[0, 0], [1, 1], [0, 1]]) {
      let cov = 0;
      for (let i = 0; i < n; i++) cov += (wv[i * 2 + p] - mean[p]) * (wv[i * 2 + q] - mean[q]);
      // Not exactly 1: ε = 1e-4·λ_max sits under the square root, so the variance is λ / (λ + ε).
      const lambda = pca.eigenvalues[p];
      const expected = p === q ? lambda / (lambda + 1e-4 * pca.eigenvalues[0]) : 0;
      expect(cov / n).toBeCloseTo(expected, 4);
    }
    const z = pca.apply(x);
    const norms = await tf.tidy(() => tf.sqrt(tf.sum(tf.square(z), 1))).data();
    norms.forEach((v) => expect(v).toBeCloseTo(1, 5));
    tf.dispose([x, w, z]);
    pca.dispose();
  });
});
