import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sinkhorn, swavLoss } from './swav';
import { column, expectClose, gaussian, logSoftmax, mean, read, readAll, sum, t2, transpose, useCpu, type Mat } from './testing';

/** Sinkhorn-Knopp written as SwAV's `distributed_sinkhorn` (one worker), in float64. */
function sinkhornRef(scores: Mat, eps: number, iters: number): Mat {
  const b = scores.length;
  const k = scores[0].length;
  let q = transpose(scores.map((r) => r.map((x) => Math.exp(x / eps)))); // K×B
  const total = sum(q.map(sum));
  q = q.map((r) => r.map((x) => x / total));
  for (let it = 0; it < iters; it++) {
    q = q.map((r) => {
      const s = sum(r);
      return r.map((x) => x / s / k);
    });
    const colSums = q[0].map((_, j) => sum(column(q, j)));
    q = q.map((r) => r.map((x, j) => x / colSums[j] / b));
  }
  return transpose(q.map((r) => r.map((x) => x * b)));
}

function swavRef(high: Mat[], low: Mat[], tau: number, eps: number, iters: number): number {
  const crops = [...high, ...low];
  const perCode = high.map((h, i) => {
    const q = sinkhornRef(h, eps, iters);
    const terms = crops.filter((_, j) => j !== i).map((s) => mean(s.map((row, n) => -sum(logSoftmax(row.map((x) => x / tau)).map((lp, c) => q[n][c] * lp)))));
    return mean(terms);
  });
  return mean(perCode);
}

// Prototype scores are cosine similarities in [−1, 1] in SwAV.
const scores = gaussian(6, 4, 41, 0.4);

describe('sinkhorn', () => {
  beforeAll(useCpu);

  it('matches the loop reference', async () => {
    const ref = sinkhornRef(scores, 0.05, 3).flat();
    const got = await readAll(sinkhorn(t2(scores), 0.05, 3));
    got.forEach((v, i) => expectClose(v, ref[i], 1e-4));
  });

  it('gives codes that sum to 1 per sample and B/K per prototype', async () => {
    const [b, k] = [6, 4];
    const q = await readAll(sinkhorn(t2(scores), 0.5, 50));
    for (let i = 0; i < b; i++) expectClose(sum(q.slice(i * k, (i + 1) * k)), 1, 1e-5);
    for (let c = 0; c < k; c++) expectClose(sum(Array.from({ length: b }, (_, i) => q[i * k + c])), b / k, 1e-4);
  });

  it('is unchanged by a constant added to every score', async () => {
    const a = await readAll(sinkhorn(t2(scores), 0.05, 3));
    const shifted = await readAll(sinkhorn(t2(scores.map((r) => r.map((x) => x + 3))), 0.05, 3));
    a.forEach((v, i) => expectClose(shifted[i], v, 1e-5));
  });
});

describe('swavLoss', () => {
  beforeAll(useCpu);
  const opts = { temperature: 0.1, epsilon: 0.05, sinkhornIterations: 3 };
  const high = [gaussian(6, 4, 42, 0.4), gaussian(6, 4, 43, 0.4)];
  const low = [gaussian(6, 4, 44, 0.4), gaussian(6, 4, 45, 0.4), gaussian(6, 4, 46, 0.4)];

  it('matches the loop reference with multi-crop', async () => {
    const loss = swavLoss(high.map(t2), low.map(t2), opts);
    expectClose(await read(loss), swavRef(high, low, 0.1, 0.05, 3));
  });

  it('matches the loop reference with two crops and no low-res crop', async () => {
    expectClose(await read(swavLoss(high.map(t2), [], { ...opts, temperature: 0.5 })), swavRef(high, [], 0.5, 0.05, 3));
  });

  it('sends no gradient through the codes', async () => {
    // With one high-res crop, its scores only enter through its code: the gradient must be 0.
    const [h, l] = [t2(high[0]), t2(low[0])];
    const g = await readAll(tf.grad((x: tf.Tensor) => swavLoss([x as tf.Tensor2D], [l], opts))(h));
    expect(g.every((v) => v === 0)).toBe(true);
    const gl = await readAll(tf.grad((x: tf.Tensor) => swavLoss([h], [x as tf.Tensor2D], opts))(l));
    expect(gl.some((v) => v !== 0) && gl.every(Number.isFinite)).toBe(true);
    tf.dispose([h, l]);
  });

  it('needs two crops', () => {
    const h = t2(high[0]);
    expect(() => swavLoss([h], [], opts)).toThrow(/two crops/);
    h.dispose();
  });
});
