import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ntXent } from './ntXent';
import { dot, expectClose, gaussian, logSumExp, normalize, read, readAll, scaleMat, t2, useCpu, type Mat } from './testing';

/** NT-Xent written out with loops (float64), as SimCLR's eq. 1 reads. */
function ntXentRef(z1: Mat, z2: Mat, tau: number): number {
  const z = [...z1, ...z2].map(normalize);
  const n = z1.length;
  let total = 0;
  for (let i = 0; i < 2 * n; i++) {
    const logits: number[] = [];
    for (let j = 0; j < 2 * n; j++) if (j !== i) logits.push(dot(z[i], z[j]) / tau);
    total += logSumExp(logits) - dot(z[i], z[(i + n) % (2 * n)]) / tau;
  }
  return total / (2 * n);
}

const z1 = gaussian(5, 4, 11);
const z2 = gaussian(5, 4, 12);

describe('ntXent', () => {
  beforeAll(useCpu);

  it('matches the loop reference', async () => {
    for (const tau of [0.1, 0.5, 2]) expectClose(await read(ntXent(t2(z1), t2(z2), tau)), ntXentRef(z1, z2, tau));
  });

  it('matches a value worked out by hand', async () => {
    // Rows e1, e2, e1, e2 with τ = 1: each row sees logits {0, 1, 0}, its partner's being 1.
    const eye = [[1, 0], [0, 1]];
    expectClose(await read(ntXent(t2(eye), t2(eye), 1)), Math.log(Math.E + 2) - 1);
  });

  it('is symmetric in z1, z2 and ignores the scale of each row', async () => {
    const a = await read(ntXent(t2(z1), t2(z2), 0.5));
    expectClose(await read(ntXent(t2(z2), t2(z1), 0.5)), a, 1e-5);
    expectClose(await read(ntXent(t2(scaleMat(z1, 7)), t2(z2), 0.5)), a, 1e-5);
  });

  it('is low for identical views with far-apart (orthogonal) others', async () => {
    const eye4 = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 1 : 0)));
    const loss = await read(ntXent(t2(eye4), t2(eye4), 0.1));
    // Each row: the partner's logit 10, six others at 0.
    expectClose(loss, Math.log(1 + 6 * Math.exp(-10)), 1e-5);
    expect(loss).toBeLessThan(1e-3);
  });

  it('responds to temperature as expected', async () => {
    // Very high τ flattens the softmax: every one of the 2N − 1 candidates equally likely.
    expectClose(await read(ntXent(t2(z1), t2(z2), 1e4)), Math.log(2 * z1.length - 1), 1e-3);
    // When every positive beats every negative, lowering τ only sharpens towards the right answer.
    const views = [[1, 0.1, 0], [0, 1, 0.1], [0.1, 0, 1]];
    const noisy = views.map((r) => r.map((x) => x + 0.05));
    const losses: number[] = [];
    for (const tau of [1, 0.5, 0.2, 0.1]) losses.push(await read(ntXent(t2(views), t2(noisy), tau)));
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
  });

  it('rejects mismatched shapes and a bad temperature', () => {
    const a = t2(z1);
    const b = t2(gaussian(4, 4, 1));
    expect(() => ntXent(a, b, 0.5)).toThrow(/shapes differ/);
    expect(() => ntXent(a, a, 0)).toThrow(/temperature/);
    tf.dispose([a, b]);
  });

  it('has finite gradients that match finite differences of the reference', async () => {
    const a = t2(z1);
    const b = t2(z2);
    const [g1, g2] = tf.grads((x: tf.Tensor, y: tf.Tensor) => ntXent(x as tf.Tensor2D, y as tf.Tensor2D, 0.5))([a, b]);
    const grad1 = await readAll(g1);
    g2.dispose();
    expect(grad1.every(Number.isFinite)).toBe(true);
    expect(grad1.some((g) => g !== 0)).toBe(true);
    const h = 1e-6;
    for (const [i, j] of [[0, 0], [2, 3], [4, 1]]) {
      const plus = z1.map((r) => [...r]);
      const minus = z1.map((r) => [...r]);
      plus[i][j] += h;
      minus[i][j] -= h;
      const numeric = (ntXentRef(plus, z2, 0.5) - ntXentRef(minus, z2, 0.5)) / (2 * h);
      expectClose(grad1[i * 4 + j], numeric, 1e-3);
    }
    tf.dispose([a, b]);
  });
});
