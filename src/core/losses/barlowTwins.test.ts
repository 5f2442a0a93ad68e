import { beforeAll, describe, expect, it } from 'vitest';
import { barlowTwinsLoss, crossCorrelation, offDiagonalTerm, onDiagonalTerm } from './barlowTwins';
import { column, expectClose, gaussian, mean, read, readAll, t2, useCpu, variance, type Mat } from './testing';

/** Columns standardised as BatchNorm1d(affine=False) in training mode: biased variance, ε = 1e-5. */
function standardise(z: Mat): Mat {
  const stats = z[0].map((_, j) => ({ mu: mean(column(z, j)), sd: Math.sqrt(variance(column(z, j), 0) + 1e-5) }));
  return z.map((r) => r.map((x, j) => (x - stats[j].mu) / stats[j].sd));
}

function crossCorrelationRef(z1: Mat, z2: Mat): Mat {
  const [a, b] = [standardise(z1), standardise(z2)];
  const d = z1[0].length;
  const c: Mat = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) for (let n = 0; n < z1.length; n++) c[i][j] += (a[n][i] * b[n][j]) / z1.length;
  return c;
}

function termsRef(c: Mat): { on: number; off: number } {
  let on = 0;
  let off = 0;
  c.forEach((r, i) => r.forEach((x, j) => (i === j ? (on += (1 - x) ** 2) : (off += x * x))));
  return { on, off };
}

const z1 = gaussian(8, 5, 51);
const z2 = gaussian(8, 5, 52).map((r, i) => r.map((x, j) => 0.5 * x + z1[i][j]));

describe('barlowTwinsLoss', () => {
  beforeAll(useCpu);

  it('computes the cross-correlation matrix as the loop reference', async () => {
    const ref = crossCorrelationRef(z1, z2).flat();
    (await readAll(crossCorrelation(t2(z1), t2(z2)))).forEach((v, i) => expectClose(v, ref[i]));
  });

  it('checks the on- and off-diagonal terms separately', async () => {
    const c = crossCorrelation(t2(z1), t2(z2));
    const ref = termsRef(crossCorrelationRef(z1, z2));
    expectClose(await read(onDiagonalTerm(c)), ref.on);
    expectClose(await read(offDiagonalTerm(c)), ref.off);
    c.dispose();
  });

  it('matches the loop reference for the paper’s λ and for λ = 1', async () => {
    const ref = termsRef(crossCorrelationRef(z1, z2));
    for (const lambda of [5e-3, 1]) expectClose(await read(barlowTwinsLoss(t2(z1), t2(z2), lambda)), ref.on + lambda * ref.off);
  });

  it('has a near-zero on-diagonal term for identical (perfectly correlated) views', async () => {
    const c = crossCorrelation(t2(z1), t2(z1));
    expect(await read(onDiagonalTerm(c))).toBeLessThan(1e-6);
    // Off-diagonal is then the features' own correlation, which the reference gives exactly.
    expectClose(await read(offDiagonalTerm(c)), termsRef(crossCorrelationRef(z1, z1)).off);
    c.dispose();
  });

  it('gives about λ·(d² − d) for fully redundant identical features', async () => {
    // Every column the same: c is all ones (up to ε), so on ≈ 0 and off ≈ d² − d.
    const col = [1, -2, 0.5, 3, -1];
    const z = col.map((x) => [x, x, x]);
    expectClose(await read(barlowTwinsLoss(t2(z), t2(z), 0.5)), 0.5 * 6, 1e-4);
  });
});
