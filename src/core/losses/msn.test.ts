import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { msnLoss } from './msn';
import { dot, expectClose, gaussian, logSoftmax, normalize, read, readAll, softmax, sum, t2, useCpu, type Mat } from './testing';

/** MSN's loss with loops, following the authors' `msn_loss` (snn, sharpen, me-max). */
function msnRef(anchors: Mat, targets: Mat, protos: Mat, tau: number, sharpen: number, w: number): number {
  const pr = protos.map(normalize);
  const b = targets.length;
  const logP = anchors.map((a) => logSoftmax(pr.map((p) => dot(normalize(a), p) / tau)));
  // sharpen(softmax(x/τ), T) = p^(1/T) / Σ p^(1/T) = softmax(x/(τT)).
  const tgt = targets.map((t) => {
    const p = softmax(pr.map((q) => dot(normalize(t), q) / tau)).map((x) => x ** (1 / sharpen));
    const s = sum(p);
    return p.map((x) => x / s);
  });
  const ce = sum(logP.map((lp, r) => -sum(lp.map((l, k) => tgt[r % b][k] * l)))) / anchors.length;
  const pBar = protos.map((_, k) => sum(logP.map((lp) => Math.exp(lp[k]))) / anchors.length);
  const meMax = sum(pBar.map((p) => p * Math.log(p))) + Math.log(protos.length);
  return ce + w * meMax;
}

const [M, B, D, K] = [3, 4, 6, 5];
const anchors = gaussian(M * B, D, 81);
const targets = gaussian(B, D, 82);
const protos = gaussian(K, D, 83);

describe('msnLoss', () => {
  beforeAll(useCpu);

  it('matches the loop reference', async () => {
    for (const [tau, sharpen, w] of [[0.1, 0.25, 1], [0.5, 0.5, 3], [1, 1, 0]]) {
      const loss = msnLoss(t2(anchors), t2(targets), t2(protos), { temperature: tau, targetSharpen: sharpen, meMaxWeight: w });
      expectClose(await read(loss), msnRef(anchors, targets, protos, tau, sharpen, w));
    }
  });

  it('has a me-max term log K − H(p̄) that is ≥ 0 and ~0 for even prototype use', async () => {
    const o = { temperature: 0.1, targetSharpen: 0.25 };
    const withMe = await read(msnLoss(t2(anchors), t2(targets), t2(protos), { ...o, meMaxWeight: 1 }));
    const without = await read(msnLoss(t2(anchors), t2(targets), t2(protos), { ...o, meMaxWeight: 0 }));
    expect(withMe - without).toBeGreaterThanOrEqual(0);
    // Anchors pointing at each of K orthogonal prototypes once: p̄ is uniform.
    const eye = Array.from({ length: K }, (_, i) => Array.from({ length: K }, (__, j) => (i === j ? 1 : 0)));
    const evenW = await read(msnLoss(t2(eye), t2(eye), t2(eye), { ...o, meMaxWeight: 1 }));
    const even0 = await read(msnLoss(t2(eye), t2(eye), t2(eye), { ...o, meMaxWeight: 0 }));
    expectClose(evenW - even0, 0, 1e-5);
  });

  it('sends no gradient into the targets, some into anchors and prototypes', async () => {
    const [a, t, p] = [t2(anchors), t2(targets), t2(protos)];
    const o = { temperature: 0.1, targetSharpen: 0.25, meMaxWeight: 1 };
    const [ga, gt, gp] = tf.grads((x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => msnLoss(x as tf.Tensor2D, y as tf.Tensor2D, z as tf.Tensor2D, o))([a, t, p]);
    expect((await readAll(gt)).every((v) => v === 0)).toBe(true);
    expect((await readAll(ga)).some((v) => v !== 0)).toBe(true);
    expect((await readAll(gp)).some((v) => v !== 0)).toBe(true);
    tf.dispose([a, t, p]);
  });

  it('rejects anchors that are not whole views of the batch', () => {
    const [a, t, p] = [t2(anchors.slice(0, 5)), t2(targets), t2(protos)];
    expect(() => msnLoss(a, t, p, { temperature: 0.1, targetSharpen: 0.25, meMaxWeight: 1 })).toThrow(/whole views/);
    tf.dispose([a, t, p]);
  });
});
