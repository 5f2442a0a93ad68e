import { beforeAll, describe, expect, it } from 'vitest';
import { covarianceLoss, invarianceLoss, varianceLoss, vicregLoss } from './vicreg';
import { column, expectClose, gaussian, mean, read, t2, useCpu, variance, type Mat } from './testing';

const invRef = (a: Mat, b: Mat) => mean(a.flatMap((r, i) => r.map((x, j) => (x - b[i][j]) ** 2)));
const varRef = (z: Mat, eps: number) => mean(z[0].map((_, j) => Math.max(0, 1 - Math.sqrt(variance(column(z, j), 1) + eps))));
function covRef(z: Mat): number {
  const n = z.length;
  const d = z[0].length;
  const mu = z[0].map((_, j) => mean(column(z, j)));
  let s = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      if (i === j) continue;
      let c = 0;
      for (let r = 0; r < n; r++) c += (z[r][i] - mu[i]) * (z[r][j] - mu[j]);
      s += (c / (n - 1)) ** 2;
    }
  }
  return s / d;
}

// Scale 0.6: some columns have std below 1, so the variance hinge is active.
const z1 = gaussian(7, 4, 61, 0.6);
const z2 = gaussian(7, 4, 62, 1.5);

describe('VICReg terms', () => {
  beforeAll(useCpu);

  it('invariance is the MSE over all entries, 0 for identical views', async () => {
    expectClose(await read(invarianceLoss(t2(z1), t2(z2))), invRef(z1, z2));
    expect(await read(invarianceLoss(t2(z1), t2(z1)))).toBe(0);
  });

  it('variance is the mean hinge on the (N − 1) std', async () => {
    for (const [z, eps] of [[z1, 1e-4], [z2, 1e-4], [z1, 0.3]] as const) expectClose(await read(varianceLoss(t2(z as Mat), eps)), varRef(z as Mat, eps));
    expect(varRef(z1, 1e-4)).toBeGreaterThan(0);
    // A collapsed branch (every row equal) pays relu(1 − √ε) per column.
    const constant = [[1, 2], [1, 2], [1, 2]];
    expectClose(await read(varianceLoss(t2(constant))), 1 - Math.sqrt(1e-4), 1e-5);
  });

  it('covariance is Σ off-diagonal cov² / d, 0 for decorrelated features', async () => {
    expectClose(await read(covarianceLoss(t2(z1))), covRef(z1));
    expectClose(await read(covarianceLoss(t2(z2))), covRef(z2));
    const decorrelated = [[1, 1], [1, -1], [-1, 1], [-1, -1]];
    expectClose(await read(covarianceLoss(t2(decorrelated))), 0, 1e-6);
    expectClose(await read(varianceLoss(t2(decorrelated))), 0, 1e-6);
  });

  it('rejects a batch of one (no N − 1 variance)', () => {
    const z = t2([[1, 2]]);
    expect(() => varianceLoss(z)).toThrow(/at least 2 rows/);
    z.dispose();
  });
});

describe('vicregLoss', () => {
  beforeAll(useCpu);

  it('composes the terms with the paper’s default weights', async () => {
    const ref = 25 * invRef(z1, z2) + 25 * 0.5 * (varRef(z1, 1e-4) + varRef(z2, 1e-4)) + 1 * (covRef(z1) + covRef(z2));
    expectClose(await read(vicregLoss(t2(z1), t2(z2))), ref);
  });

  it('uses the weights and ε it is given', async () => {
    const o = { invariance: 2, variance: 3, covariance: 0.5, epsilon: 0.01 };
    const ref = 2 * invRef(z1, z2) + 3 * 0.5 * (varRef(z1, 0.01) + varRef(z2, 0.01)) + 0.5 * (covRef(z1) + covRef(z2));
    expectClose(await read(vicregLoss(t2(z1), t2(z2), o)), ref);
    expectClose(await read(vicregLoss(t2(z1), t2(z2), { invariance: undefined })), await read(vicregLoss(t2(z1), t2(z2))), 1e-6);
  });
});
