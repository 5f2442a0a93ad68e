import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { column, dot, expectClose, expectNoLeak, gaussian, mean, normalize, read, readAll, sum, t2, useCpu, variance, type Mat } from '../losses/testing';
import { symmetricEigenvalues } from '../linalg/eigen';
import { alignment, l2NormalizedStd, rankMe, singularValues, spectrumReading, uniformity } from './collapse';

const sqDist = (a: number[], b: number[]) => sum(a.map((x, i) => (x - b[i]) ** 2));
const rankMeOf = (sigma: number[]) => {
  const total = sum(sigma);
  return Math.exp(-sum(sigma.map((s) => s / total + 1e-7).map((p) => p * Math.log(p))));
};
const eye = (n: number): Mat => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));

describe('l2NormalizedStd', () => {
  beforeAll(useCpu);

  it('matches the loop reference', async () => {
    const z = gaussian(9, 5, 101);
    const zn = z.map(normalize);
    const ref = mean(z[0].map((_, j) => Math.sqrt(variance(column(zn, j), 1))));
    expectClose(await read(l2NormalizedStd(t2(z))), ref);
  });

  it('is 0 for identical rows, whatever their length', async () => {
    const row = [0.3, -1, 2, 0.5];
    expectClose(await read(l2NormalizedStd(t2([row, row.map((x) => 3 * x), row]))), 0, 1e-5);
  });

  it('is ≈ 1/√d for high-dimensional Gaussian rows', async () => {
    const d = 256;
    expectClose(await read(l2NormalizedStd(t2(gaussian(2000, d, 102)))), 1 / Math.sqrt(d), 0.02 / Math.sqrt(d));
  });
});

describe('alignment and uniformity', () => {
  beforeAll(useCpu);
  const z1 = gaussian(6, 3, 103);
  const z2 = gaussian(6, 3, 104);

  it('alignment matches the loop reference, 0 for equal views and 4 for opposite ones', async () => {
    expectClose(await read(alignment(t2(z1), t2(z2))), mean(z1.map((r, i) => sqDist(normalize(r), normalize(z2[i])))));
    expectClose(await read(alignment(t2(z1), t2(z1.map((r) => r.map((x) => 2 * x))))), 0, 1e-6);
    expectClose(await read(alignment(t2(z1), t2(z1.map((r) => r.map((x) => -x))))), 4, 1e-5);
  });

  it('uniformity matches the loop reference over pairs i ≠ j', async () => {
    for (const t of [2, 0.5]) {
      const zn = z1.map(normalize);
      const terms: number[] = [];
      zn.forEach((a, i) => zn.forEach((b, j) => i !== j && terms.push(Math.exp(-t * sqDist(a, b)))));
      expectClose(await read(uniformity(t2(z1), t)), Math.log(mean(terms)));
    }
  });

  it('uniformity is 0 for a collapsed embedding and lower for a spread one', async () => {
    const row = [1, 2, 3];
    expectClose(await read(uniformity(t2([row, row, row, row]))), 0, 1e-5);
    // Two antipodal pairs on orthogonal axes: pairs at distance² 2 (×8 ordered) and 4 (×4).
    const spread = [[1, 0], [-1, 0], [0, 1], [0, -1]];
    expectClose(await read(uniformity(t2(spread))), Math.log((8 * Math.exp(-4) + 4 * Math.exp(-8)) / 12), 1e-5);
  });
});

describe('uniformity against closed forms (Wang & Isola 2020)', () => {
  beforeAll(useCpu);

  it('antipodal points: every pair at distance² 4, so log e^(−4t) = −4t', async () => {
    const u = normalize([0.3, -1.2, 0.7]);
    for (const t of [2, 0.5]) expectClose(await read(uniformity(t2([u, u.map((x) => -x)]), t)), -4 * t, 1e-5);
  });

  it('a uniform sample of the 2-sphere: cos θ is uniform on [−1, 1], so E e^(−t‖x−y‖²) = (1 − e^(−4t)) / (4t)', async () => {
    // Gaussian rows normalise to a uniform sample of S²; ‖x − y‖² = 2 − 2 cos θ.
    const t = 2;
    const closedForm = Math.log((1 - Math.exp(-4 * t)) / (4 * t));
    expectClose(await read(uniformity(t2(gaussian(1500, 3, 113)), t)), closedForm, 0.03);
  });
});

describe('spectrumReading', () => {
  beforeAll(useCpu);

  it('gives RankMe (uncentred) and the centred singular values of a known matrix from one read', async () => {
    // Columns orthogonal, already centred: σ = √18 and √2. Uncentred it is the same matrix.
    const z = t2([[3, 0], [-3, 0], [0, 1], [0, -1]]);
    const { rankMe: r, singularValues: sigma } = await spectrumReading(z);
    [Math.sqrt(18), Math.SQRT2].forEach((v, i) => expectClose(sigma[i], v, 1e-5));
    expectClose(r, rankMeOf([Math.sqrt(18), Math.SQRT2]), 1e-6);
    z.dispose();
  });

  it('agrees with rankMe and singularValues on a random shifted matrix', async () => {
    const z = t2(gaussian(12, 5, 114).map((row) => row.map((x) => x + 2)));
    const both = await spectrumReading(z);
    expectClose(both.rankMe, await read(await rankMe(z)), 1e-5);
    const sigma = await readAll(await singularValues(z));
    sigma.forEach((v, i) => expectClose(both.singularValues[i], v, 1e-5));
    z.dispose();
  });
});

describe('symmetricEigenvalues (Jacobi)', () => {
  it('finds the eigenvalues of a known tridiagonal matrix', () => {
    // [[2,1,0],[1,2,1],[0,1,2]] has eigenvalues 2 + √2, 2, 2 − √2.
    const ev = symmetricEigenvalues(Float64Array.from([2, 1, 0, 1, 2, 1, 0, 1, 2]), 3);
    [2 + Math.SQRT2, 2, 2 - Math.SQRT2].forEach((v, i) => expectClose(ev[i], v, 1e-12));
  });

  it('keeps trace and Frobenius norm of a random symmetric matrix, with repeated and negative eigenvalues allowed', () => {
    const n = 12;
    const r = gaussian(n, n, 105);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = r[i][j] + r[j][i];
    const ev = Array.from(symmetricEigenvalues(a, n));
    expectClose(sum(ev), sum(Array.from({ length: n }, (_, i) => a[i * n + i])), 1e-10);
    expectClose(sum(ev.map((x) => x * x)), sum(Array.from(a, (x) => x * x)), 1e-10);
    for (let i = 1; i < n; i++) expect(ev[i]).toBeLessThanOrEqual(ev[i - 1]);
    const twice = symmetricEigenvalues(Float64Array.from([3, 0, 0, 0, 3, 0, 0, 0, -1]), 3);
    expect(Array.from(twice)).toEqual([3, 3, -1]);
  });
});

describe('singularValues', () => {
  beforeAll(useCpu);

  it('gives the singular values of the centred matrix, largest first', async () => {
    // Already centred; columns orthogonal with norms √18 and √2.
    const z = [[3, 0], [-3, 0], [0, 1], [0, -1]];
    const got = await readAll(await singularValues(t2(z)));
    [Math.sqrt(18), Math.SQRT2].forEach((v, i) => expectClose(got[i], v, 1e-5));
    // Shifting every row by the same vector changes nothing: the metric centres first.
    const shifted = await readAll(await singularValues(t2(z.map((r) => [r[0] + 5, r[1] - 2]))));
    shifted.forEach((v, i) => expectClose(v, got[i], 1e-5));
  });

  it('agrees with ‖z_c‖_F² and with power iteration on a random matrix, tall and wide', async () => {
    for (const [n, d] of [[20, 6], [5, 9]]) {
      const z = gaussian(n, d, 106 + n);
      const mu = z[0].map((_, j) => mean(column(z, j)));
      const zc = z.map((r) => r.map((x, j) => x - mu[j]));
      const sigma = await readAll(await singularValues(t2(z)));
      expect(sigma.length).toBe(Math.min(n, d));
      expectClose(sum(sigma.map((s) => s * s)), sum(zc.flat().map((x) => x * x)), 1e-4);
      // Largest σ² is the top eigenvalue of z_cᵀ z_c: power iteration in float64.
      let v = Array.from({ length: d }, (_, i) => 1 + i / d);
      for (let it = 0; it < 500; it++) v = normalize(z[0].map((_, j) => sum(zc.map((r) => r[j] * dot(r, v)))));
      const top = sum(zc.map((r) => dot(r, v) ** 2));
      expectClose(sigma[0] ** 2, top, 1e-4);
    }
  });
});

describe('rankMe', () => {
  beforeAll(useCpu);

  it('is ≈ 1 for a rank-1 (collapsed) embedding', async () => {
    const u = gaussian(64, 1, 107);
    const v = gaussian(1, 32, 108)[0];
    expectClose(await read(await rankMe(t2(u.map((r) => v.map((x) => r[0] * x))))), 1, 1e-3);
  });

  it('is ≈ d for an identity-like embedding, tall or wide', async () => {
    const d = 16;
    expectClose(await read(await rankMe(t2([...eye(d), ...eye(d).map((r) => r.map((x) => -3 * x))]))), d, 1e-3);
    expectClose(await read(await rankMe(t2(eye(d).map((r) => [...r, ...r])))), d, 1e-3);
  });

  it('matches the entropy formula for known singular values, uncentred', async () => {
    const s = [5, 3, 1, 0.5];
    const z = s.map((x, i) => s.map((_, j) => (i === j ? x : 0)));
    expectClose(await read(await rankMe(t2(z))), rankMeOf(s), 1e-4);
    // Not centred: a common offset on every row is part of what RankMe sees. Reference σ: √ of the
    // eigenvalues of zᵀz formed here in float64 (the Jacobi routine is checked on its own above).
    const offset = [...z, [0, 0, 0, 0]].map((r) => r.map((x) => x + 1));
    const sigma = Array.from(symmetricEigenvalues(Float64Array.from(
      [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3].map((j) => sum(offset.map((r) => r[i] * r[j]))))), 4), Math.sqrt);
    expectClose(await read(await rankMe(t2(offset))), rankMeOf(sigma), 1e-4);
  });

  it('reads 1, not NaN, for an all-zero embedding and ignores scale', async () => {
    expectClose(await read(await rankMe(tf.zeros([4, 3]) as tf.Tensor2D)), 1, 1e-4);
    const z = gaussian(10, 4, 109);
    expectClose(await read(await rankMe(t2(z.map((r) => r.map((x) => 1e3 * x))))), await read(await rankMe(t2(z))), 1e-5);
  });

  it('lets the caller dispose z as soon as it holds the promise', async () => {
    const z = t2(gaussian(10, 4, 110));
    const expected = await read(await rankMe(z));
    const pending = rankMe(z);
    z.dispose();
    expectClose(await read(await pending), expected, 1e-7);
  });
});

describe('collapse metrics allocate nothing but their result', () => {
  beforeAll(useCpu);

  it('for every metric', async () => {
    const [a, b] = [t2(gaussian(8, 5, 111)), t2(gaussian(8, 5, 112))];
    await expectNoLeak(() => l2NormalizedStd(a));
    await expectNoLeak(() => alignment(a, b));
    await expectNoLeak(() => uniformity(a));
    await expectNoLeak(() => rankMe(a));
    await expectNoLeak(() => singularValues(a));
    tf.dispose([a, b]);
  });
});
