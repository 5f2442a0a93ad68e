import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maeLoss } from './mae';
import { expectClose, gaussian, mean, read, useCpu, variance } from './testing';

type Patches = number[][][];

/** MAE's forward_loss with loops: per-patch MSE, averaged over hidden patches (mask = 1). */
function maeRef(pred: Patches, target: Patches, mask: number[][], normPix: boolean): number {
  let num = 0;
  let den = 0;
  pred.forEach((img, b) => img.forEach((patch, l) => {
    let t = target[b][l];
    if (normPix) {
      const mu = mean(t);
      const sd = Math.sqrt(variance(t, 1) + 1e-6);
      t = t.map((x) => (x - mu) / sd);
    }
    num += mask[b][l] * mean(patch.map((x, p) => (x - t[p]) ** 2));
    den += mask[b][l];
  }));
  return num / den;
}

const [B, L, P] = [2, 5, 4];
const patches = (seed: number, scale = 1): Patches => Array.from({ length: B }, (_, b) => gaussian(L, P, seed + b, scale));
const pred = patches(91);
const target = patches(93, 3);
const mask = [[1, 0, 1, 1, 0], [0, 0, 1, 0, 1]];
const t3 = (x: Patches) => tf.tensor3d(x);

describe('maeLoss', () => {
  beforeAll(useCpu);

  it('matches the loop reference, with and without normPixels', async () => {
    for (const normPix of [false, true]) {
      expectClose(await read(maeLoss(t3(pred), t3(target), tf.tensor2d(mask), normPix)), maeRef(pred, target, mask, normPix));
    }
  });

  it('only counts hidden patches: changing visible predictions changes nothing', async () => {
    const altered = pred.map((img, b) => img.map((patch, l) => (mask[b][l] ? patch : patch.map((x) => x + 100))));
    for (const normPix of [false, true]) {
      const a = await read(maeLoss(t3(pred), t3(target), tf.tensor2d(mask), normPix));
      expectClose(await read(maeLoss(t3(altered), t3(target), tf.tensor2d(mask), normPix)), a, 1e-6);
    }
  });

  it('is 0 for a perfect reconstruction of the hidden patches', async () => {
    const perfect = target.map((img, b) => img.map((patch, l) => (mask[b][l] ? patch : patch.map(() => 7))));
    expectClose(await read(maeLoss(t3(perfect), t3(target), tf.tensor2d(mask), false)), 0, 1e-6);
  });

  it('with normPixels, compares against each target patch standardised by its own statistics', async () => {
    // A patch that is an affine map a·x + c of the prediction (a > 0) standardises to the same thing.
    const base = [[[1, 2, 4, 7]]];
    const std = (() => {
      const mu = mean(base[0][0]);
      const sd = Math.sqrt(variance(base[0][0], 1) + 1e-6);
      return [[base[0][0].map((x) => (x - mu) / sd)]];
    })();
    const affine = [[base[0][0].map((x) => 5 * x - 3)]];
    const loss = await read(maeLoss(t3(std), t3(affine), tf.tensor2d([[1]]), true));
    // Not exactly 0: ε = 1e-6 sits inside the square root with the (much larger) variance.
    expect(loss).toBeLessThan(1e-6);
  });

  it('gives 0, not NaN, when nothing is hidden, and rejects a bad mask', async () => {
    expect(await read(maeLoss(t3(pred), t3(target), tf.zeros([B, L]), false))).toBe(0);
    const [p, t, m] = [t3(pred), t3(target), tf.zeros([B, L + 1]) as tf.Tensor2D];
    expect(() => maeLoss(p, t, m, false)).toThrow(/mask/);
    tf.dispose([p, t, m]);
  });
});
