import { describe, expect, it } from 'vitest';
import { gaussian } from '../../losses/testing';
import { nearestNeighbours, pca2, seededQueries } from './map';

describe('pca2', () => {
  it('recovers the two coordinates of points built on two orthonormal directions in 4-D', () => {
    // x_i = a_i·u + b_i·v + offset, var(a) ≫ var(b): the components are u then v, the coordinates a − ā, b − b̄.
    const u = [0.5, 0.5, 0.5, 0.5];
    const v = [0.5, -0.5, 0.5, -0.5];
    // Evenly spaced angles: a and b have mean 0 and are uncorrelated in the sample itself.
    const ab = Array.from({ length: 40 }, (_, i) => [5 * Math.cos((2 * Math.PI * i) / 40), Math.sin((2 * Math.PI * i) / 40)]);
    const x = Float32Array.from(ab.flatMap(([a, b]) => u.map((uj, j) => a * uj + b * v[j] + j)));
    const got = pca2(x, 40, 4);
    const meanA = ab.reduce((s, r) => s + r[0], 0) / 40;
    const meanB = ab.reduce((s, r) => s + r[1], 0) / 40;
    // Signs: u's and v's first large loadings are +0.5, so no flip.
    ab.forEach(([a, b], i) => {
      expect(got[i * 2]).toBeCloseTo(a - meanA, 4);
      expect(got[i * 2 + 1]).toBeCloseTo(b - meanB, 4);
    });
  });
});

describe('nearestNeighbours', () => {
  it('matches a brute-force cosine ranking and never lists the row itself', () => {
    const rows = gaussian(30, 5, 202);
    const x = Float32Array.from(rows.flat());
    const got = nearestNeighbours(x, 30, 5, 8);
    const cos = (a: number[], b: number[]) => a.reduce((s, ai, j) => s + ai * b[j], 0) / Math.hypot(...a) / Math.hypot(...b);
    for (let i = 0; i < 30; i++) {
      const ref = rows
        .map((r, m) => ({ m, s: cos(rows[i], r) }))
        .filter((e) => e.m !== i)
        .sort((p, q) => q.s - p.s)
        .slice(0, 8)
        .map((e) => e.m);
      expect(Array.from(got.subarray(i * 8, i * 8 + 8))).toEqual(ref);
    }
  });

  it('is scale-free per row (cosine), and k is capped at n − 1', () => {
    const x = Float32Array.from([1, 0, 0, 1, 10, 1, 0.5, 0.5]);
    // Rows (1,0), (0,1), (10,1), (.5,.5): cosines worked by hand; row 3 ties rows 0 and 1 (lower index first).
    expect(Array.from(nearestNeighbours(x, 4, 2, 8))).toEqual([2, 3, 1, 3, 2, 0, 0, 3, 1, 2, 0, 1]);
  });
});

describe('seededQueries', () => {
  it('gives 8 distinct images, the same for a seed, others for another seed', () => {
    const q = seededQueries(256, 5);
    expect(new Set(q).size).toBe(8);
    expect(q.every((i) => i >= 0 && i < 256)).toBe(true);
    expect(seededQueries(256, 5)).toEqual(q);
    expect(seededQueries(256, 6)).not.toEqual(q);
    expect(seededQueries(5, 1)).toHaveLength(5);
  });
});

describe('pca2 against the Jacobi eigen-solver', () => {
  it('projects a random 200×24 sample on the same two components (up to sign)', async () => {
    const { symmetricEigen } = await import('../../linalg/eigen');
    const n = 200;
    const d = 24;
    // Columns of falling scale, so λ1 > λ2 > λ3 clearly.
    const rows = gaussian(n, d, 203).map((r) => r.map((v, j) => v * (3 / (1 + j))));
    const x = Float32Array.from(rows.flat());
    const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
    const cov = new Float64Array(d * d);
    rows.forEach((r) => r.forEach((a, i) => r.forEach((b, j) => (cov[i * d + j] += (a - mean[i]) * (b - mean[j])))));
    const { vectors } = symmetricEigen(cov, d);
    const got = pca2(x, n, d);
    for (const c of [0, 1]) {
      const ref = rows.map((r) => r.reduce((s, v, j) => s + (v - mean[j]) * vectors[j * d + c], 0));
      const sign = Math.sign(ref[0]) * Math.sign(got[c]);
      ref.forEach((v, i) => expect(got[i * 2 + c]).toBeCloseTo(sign * v, 3));
    }
  });
});
